/** A small line diff (longest common subsequence) for `solution --diff`: yours (-) vs solution (+). */
import type { palette } from './colors.ts';

export function lineDiff(before: string, after: string, c: ReturnType<typeof palette>): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(`  ${a[i]}`);
      i++;
      j++;
    // Where a line of yours was replaced, yours (-) comes first, then the solution's (+), as in git diff.
    } else if (i < a.length && (j >= b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(c.red(`- ${a[i++]}`));
    else out.push(c.green(`+ ${b[j++]}`));
  }
  return out.join('\n');
}
