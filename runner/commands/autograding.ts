/**
 * autograding [--points <n>] [--timeout <minutes>] [--write | --check]
 * Prints GitHub Classroom's autograding.json for the current lessons; --write saves it to
 * .github/classroom/autograding.json, --check exits 1 when that file is not what would be written.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lessons, projectRoot } from '../course/lessons.ts';
import { AUTOGRADING_DEFAULTS, AUTOGRADING_PATH, autogradingJson } from '../classroom/autograding.ts';
import { parseArgs, UsageError } from './args.ts';

export const usage = 'autograding [--points <n>] [--timeout <minutes>] [--write | --check]';

function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${name} needs a whole number above 0, got "${value}"`);
  return n;
}

export async function autograding(argv: string[]): Promise<number> {
  const args = parseArgs(argv, { flags: ['write', 'check'], options: ['points', 'timeout'] });
  if (args.positional.length > 0) throw new UsageError(`autograding takes no arguments, got ${args.positional.join(' ')}`);
  if (args.flags.has('write') && args.flags.has('check')) throw new UsageError('use --write or --check, not both');
  const text = autogradingJson(lessons, {
    points: positiveInteger('points', args.options.get('points'), AUTOGRADING_DEFAULTS.points),
    timeoutMinutes: positiveInteger('timeout', args.options.get('timeout'), AUTOGRADING_DEFAULTS.timeoutMinutes),
  });
  const path = join(projectRoot(), AUTOGRADING_PATH);
  if (args.flags.has('check')) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
    if (current === text) {
      process.stdout.write(`${AUTOGRADING_PATH} is up to date (${lessons.length} lessons).\n`);
      return 0;
    }
    process.stdout.write(`${AUTOGRADING_PATH} is ${current === undefined ? 'missing' : 'out of date'}: run \`npm run workbook -- autograding --write\`.\n`);
    return 1;
  }
  if (args.flags.has('write')) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    process.stdout.write(`Wrote ${path} (${lessons.length} tests).\n`);
    return 0;
  }
  process.stdout.write(text);
  return 0;
}
