/** The first line of a stack trace that is in the checked project's own code: where a declaration or an error is. */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `accept`: which of the project's files may be named (a frame in code the compiler added is not the project's line). */
export function projectFrame(stack: string | undefined, root: string, accept: (file: string) => boolean = () => true): string | undefined {
  for (const line of stack?.split('\n').slice(1) ?? []) {
    const m = line.match(/\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (!file.startsWith(root + sep) || file.includes(`${sep}node_modules${sep}`) || !accept(file)) continue;
    return `${relative(root, file)}:${m[2]}`;
  }
  return undefined;
}
