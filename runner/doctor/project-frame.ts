/** The first line of a stack trace that is in the checked project's own code: where a declaration or an error is. */
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectFrame(stack: string | undefined, root: string): string | undefined {
  for (const line of stack?.split('\n').slice(1) ?? []) {
    const m = line.match(/\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? fileURLToPath(m[1]) : m[1];
    if (!file.startsWith(root + sep) || file.includes(`${sep}node_modules${sep}`)) continue;
    return `${relative(root, file)}:${m[2]}`;
  }
  return undefined;
}
