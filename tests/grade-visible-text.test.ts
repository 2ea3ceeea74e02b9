/**
 * A student's text in a teacher's report (issue 21): copies whose messages (and folder name) carry
 * terminal control sequences are graded for real, and every report format, the progress report,
 * `verify --json` and the terminal's verdict view must show those characters as visible escapes:
 * none may reach the output raw, and the visible form must be there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLesson } from '../runner/course/lessons.ts';
import { gradeCopies } from '../runner/classroom/grade-copies.ts';
import { expandCopies } from '../runner/classroom/expand-copies.ts';
import type { GradeBook } from '../runner/classroom/grades.ts';
import { formats, type FormatName } from '../runner/classroom/formats/index.ts';
import { buildProgressReport, progressJson, progressMarkdown } from '../runner/classroom/progress-report.ts';
import { verify } from '../runner/commands/verify.ts';
import { renderVerdict } from '../runner/ui/verdict-view.ts';
import { palette } from '../runner/ui/colors.ts';
import { visibleLine, visibleLines } from '../runner/ui/visible-text.ts';
import { expectWellFormed } from './helpers/well-formed-xml.ts';

const ATTACKS = fileURLToPath(new URL('./fixtures/attacks/', import.meta.url));
/** What the copies throw (tests/fixtures/attacks/control-characters*), and a folder name in the same spirit. */
const EVIL = '\u001b[2J\u001b[H\u001b]0;owned\u0007\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007 here\r\u009b31m\u007f\u202e';
const EVIL_FOLDER = 'evil\u001b]0;name\u0007';
/** Every control character the output may not hold; tab and newline are the formats' own. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
/** ESC, BEL, CR, CSI, DEL and the right-to-left override, as the reports show them. */
const VISIBLE = ['\\x1b[2J', '\\x1b]0;owned\\x07', '\\x1b]8;;http://evil.example/\\x07click', ' here\\x0d\\x9b31m\\x7f\\u202e'];

const tmp = mkdtempSync(join(tmpdir(), 'workbook-visible-'));
let book: GradeBook;

beforeAll(async () => {
  const cls = join(tmp, 'class');
  cpSync(join(ATTACKS, 'control-characters'), join(cls, EVIL_FOLDER), { recursive: true });
  cpSync(join(ATTACKS, 'control-characters-on-load'), join(cls, 'on-load'), { recursive: true });
  book = await gradeCopies(expandCopies([join(cls, '*')]), [findLesson('00')], { timeoutMs: 30_000, memoryMb: 256 });
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the graded copies (the attack reached the grade book raw)', () => {
  it('one copy fails checks with the message, the other cannot load: both carry the control characters', () => {
    const byName = new Map(book.students.map((s) => [s.name, s.cells[0]!]));
    expect([...byName.keys()].sort()).toEqual([EVIL_FOLDER, 'on-load'].sort());
    expect(byName.get(EVIL_FOLDER)?.status).toBe('failed');
    expect(byName.get(EVIL_FOLDER)?.failures.some((f) => f.message.includes(EVIL))).toBe(true);
    expect(byName.get('on-load')?.status).toBe('error');
    expect(byName.get('on-load')?.reason).toContain(EVIL.split('\r')[0]);
  });
});

describe('every report format shows them, never sends them', () => {
  const names = Object.keys(formats) as FormatName[];
  it.each(names)('%s', (name) => {
    const text = formats[name](book);
    // CSV ends its rows with CRLF (RFC 4180): those are the format's, any other CR is not.
    const own = name === 'csv' ? text.replace(/\r\n/g, '\n') : text;
    expect(own).not.toMatch(RAW_CONTROL);
    // JSON escapes a backslash, Markdown its own characters too: read them back before looking for the visible form.
    const readable = name === 'json' ? text.replace(/\\\\/g, '\\') : name === 'markdown' ? text.replace(/\\([\\|`*_[\]<>#])/g, '$1') : text;
    expect(readable).toContain('evil\\x1b]0;name\\x07');
    expect(readable).toContain(VISIBLE[1]);
    if (name === 'junit') expectWellFormed(text);
  });

  it('the JSON report keeps the messages whole, every control character visible', () => {
    const parsed = JSON.parse(formats.json(book)) as GradeBook;
    const messages = parsed.students.flatMap((s) => s.cells.flatMap((c) => [...c.failures.map((f) => f.message), c.reason ?? '']));
    expect(messages.some((m) => VISIBLE.every((v) => m.includes(v)))).toBe(true);
    expect(messages.join('\n')).not.toMatch(RAW_CONTROL);
  });
});

describe("a learner's progress report (learner name, current lesson from their progress file)", () => {
  const report = buildProgressReport({ current: `01${EVIL}`, lessons: {} }, [findLesson('00'), findLesson('01')], { learner: `Ada ${EVIL}`, generatedAt: '2026-12-07T00:00:00.000Z' });
  it.each([
    ['markdown', progressMarkdown(report)],
    ['json', progressJson(report)],
  ])('%s', (_name, text) => {
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text.replace(/\\([\\|`*_[\]<>#])/g, '$1')).toContain(VISIBLE[1]);
  });
});

describe('verify --json and the terminal verdict view', () => {
  it('verify --json prints the messages with their control characters visible', async () => {
    const written: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      expect(await verify(['00', '--from', join(tmp, 'class', EVIL_FOLDER, 'lessons'), '--json'])).toBe(1);
    } finally {
      process.stdout.write = write;
    }
    const out = written.join('');
    expect(out).not.toMatch(RAW_CONTROL);
    const verdict = JSON.parse(out) as { checks: Array<{ message?: string }> };
    expect(verdict.checks.some((c) => VISIBLE.every((v) => c.message?.includes(v)))).toBe(true);
  }, 120_000);

  it("the verdict view (watch, verify) draws the learner's messages and names as text", () => {
    const cell = book.students.find((s) => s.name === EVIL_FOLDER)!.cells[0]!;
    const shown = renderVerdict(
      { lesson: '00-warm-up', passed: false, ms: 1, problem: EVIL, checks: cell.failures.map((f) => ({ name: `${f.name} ${EVIL}`, state: f.state, message: f.message })) },
      palette(false),
      { output: `printed ${EVIL}\n` },
    );
    expect(shown).not.toMatch(RAW_CONTROL);
    for (const v of VISIBLE) expect(shown).toContain(v);
  });
});

describe('visible-text', () => {
  it('one line: every control visible; several lines: newlines and tabs kept, CRLF read as one newline', () => {
    expect(visibleLine('a\tb\nc\u0000\u00ad')).toBe('a\\x09b\\x0ac\\x00\u00ad');
    expect(visibleLines('a\tb\r\nc\rd\u2066')).toBe('a\tb\nc\\x0dd\\u2066');
  });
});
