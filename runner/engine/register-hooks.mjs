// Loaded with --import in the engine's child processes: TypeScript (../loader), then the hooks that
// map 'vitest' to the stand-in and share the project's packages (vitest-alias-hook.mjs).
import { register } from 'node:module';
import '../loader/register.mjs';

register('./vitest-alias-hook.mjs', import.meta.url);
