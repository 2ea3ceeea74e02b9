/**
 * Bad input from whoever runs a command (a path that does not exist, an unknown option): the CLI prints
 * the message as one line and exits 2. Here, below runner/commands/, so lower layers can throw it.
 */
export class UsageError extends Error {}
