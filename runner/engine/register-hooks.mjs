// Loaded with --import in the engine's child processes, after tsx: maps 'vitest' to the stand-in.
import { register } from 'node:module';

register('./vitest-alias-hook.mjs', import.meta.url);
