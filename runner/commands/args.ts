/** Tiny argv parsing shared by the commands: positionals, --flags and --option values. */
import { UsageError } from '../errors/usage-error.ts';

// Re-exported: commands have always imported it from here.
export { UsageError };

/** Whether --db was given on the command line (doctor chooses the database itself otherwise). */
export const dbFlag = { given: false };
/** A command that cannot do its job for a reason outside the learner's input (a file it cannot write): exit 1, message only. */
export class CommandError extends Error {}

/** A file-system error in a few words (its code, e.g. EACCES), for messages to the learner. */
export function errnoText(e: unknown): string {
  return (e as NodeJS.ErrnoException).code ?? (e as Error).message ?? String(e);
}

export interface Parsed {
  positional: string[];
  flags: Set<string>;
  options: Map<string, string>;
}

export function parseArgs(argv: string[], spec: { flags?: string[]; options?: string[] }): Parsed {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.slice(2).split(/=(.*)/s, 2);
    if (spec.flags?.includes(name)) flags.add(name);
    else if (spec.options?.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else throw new UsageError(`unknown option --${name}`);
  }
  return { positional, flags, options };
}
