/** The verdict on screen: complete when it fits, and when it does not, the first failure stays in sight. */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../runner/engine/verdict.ts';
import { palette } from '../runner/ui/colors.ts';
import { renderVerdict, screenRows } from '../runner/ui/verdict-view.ts';
import { fileLink, renderScreen } from '../runner/watch/screen.ts';
import { lineDiff } from '../runner/ui/line-diff.ts';
import { wrapIndented } from '../runner/ui/wrap.ts';
import { findLesson, lessons } from '../runner/course/lessons.ts';

const c = palette(false);
/** A message as one line again, however the terminal width wrapped it. */
const unwrapped = (text: string) => text.replace(/\n +/g, ' ');
const ROOT_CAUSE = 'Enrollments would get two columns named studentId and StudentId. Give both sides the same foreignKey.';

/** Two passing checks, eight failing for one cause, then six more each with its own long message. */
function longVerdict(): Verdict {
  const checks: Verdict['checks'] = [
    { name: 'mixins > exist', state: 'pass' },
    { name: 'mixins > work', state: 'pass' },
    ...Array.from({ length: 8 }, (_, i) => ({ name: `schema > check ${i}`, state: 'fail' as const, message: ROOT_CAUSE })),
    ...Array.from({ length: 6 }, (_, i) => ({ name: `queries > check ${i}`, state: 'fail' as const, message: `Query ${i} is wrong. ${'More words explaining it. '.repeat(8)}` })),
  ];
  return { lesson: '04-through-model', passed: false, checks, ms: 100 };
}

describe('renderVerdict', () => {
  it("keeps the first lines the learner's code printed, and says how many were left out", () => {
    const output = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`).join('\n');
    const text = renderVerdict(longVerdict(), c, { output });
    expect(text).toContain('Your code printed:');
    expect(text).toContain('│ line 1\n');
    expect(text).toContain('… 26 more lines …');
    expect(text).toContain('│ line 40');
    expect(text).not.toContain('line 20\n');
  });

  it('without a size, lists every check and says a shared cause once', () => {
    const text = renderVerdict(longVerdict(), c);
    expect(text.match(/✓/g)).toHaveLength(2);
    expect(text.match(/✗/g)).toHaveLength(14);
    expect(text.split(ROOT_CAUSE)).toHaveLength(2);
    expect(text).toMatch(/same cause as "schema > check 0"/);
    expect(text).toMatch(/2\/16 checks passing/);
  });

  it('fitted to a small terminal: counts passing checks, groups a shared cause, keeps the first failure and the summary', () => {
    const fit = { rows: 14, columns: 80 };
    const text = renderVerdict(longVerdict(), c, { fit });
    expect(screenRows(text, fit.columns)).toBeLessThanOrEqual(fit.rows);
    expect(text).toMatch(/✓ 2 checks pass/);
    expect(text).toContain('✗ schema > check 0');
    expect(unwrapped(text)).toContain(ROOT_CAUSE);
    expect(text).toMatch(/and 7 more checks failing for the same reason/);
    expect(text).toMatch(/more failing checks below the fold.*verify 04/);
    expect(text).toMatch(/2\/16 checks passing/);
  });

  it('a verdict that fits is not changed by fitting', () => {
    const small: Verdict = { lesson: '01-one-to-one', passed: false, ms: 100, checks: [{ name: 'a', state: 'pass' }, { name: 'b', state: 'fail', message: 'fix b' }] };
    expect(renderVerdict(small, c, { fit: { rows: 40, columns: 100 } })).toBe(renderVerdict(small, c));
  });

  it('counts wrapped lines, and ignores colour codes and links when measuring', () => {
    expect(screenRows('x'.repeat(250), 100)).toBe(3);
    expect(screenRows('\x1b[31mred\x1b[39m\n\x1b]8;;file:///a\x1b\\a\x1b]8;;\x1b\\', 10)).toBe(2);
  });
});

describe('the watch screen on a terminal', () => {
  it('fits the whole screen, header and key help included, to the terminal', () => {
    const size = { rows: 30, columns: 90 };
    const screen = renderScreen({ lesson: findLesson('04'), done: 3, editPaths: [{ abs: '/x/models.ts', rel: 'models.ts' }], verdict: longVerdict(), running: false, interactive: true, color: false, size }, c);
    expect(screenRows(screen, size.columns)).toBeLessThanOrEqual(size.rows);
    expect(screen).toMatch(/^Sequelize Associations Workbook/);
    expect(unwrapped(screen)).toContain(ROOT_CAUSE);
    expect(screen).toMatch(/q quit$/);
  });

  it('while a save is being checked, an earlier pass does not offer the next lesson', () => {
    const passed: Verdict = { lesson: '04-through-model', passed: true, checks: [{ name: 'a check', state: 'pass' }], ms: 100 };
    const screen = (running: boolean) =>
      renderScreen({ lesson: findLesson('04'), done: 3, editPaths: [{ abs: '/x/models.ts', rel: 'models.ts' }], verdict: passed, running, interactive: true, color: false }, c);
    expect(screen(false)).toContain('Lesson 04 passed!');
    expect(screen(false)).toContain('n next ·');
    // It offers the solution's files by path, and names the next lesson.
    expect(screen(false)).toMatch(/Compare with the solution: solutions\/04-through-model\/models\.ts, solutions\/04-through-model\/queries\.ts/);
    expect(screen(false)).toContain(`Press n for the next lesson: 05 · ${findLesson('05').title}`);
    expect(screen(true)).toContain('re-running…');
    expect(screen(true)).not.toContain('passed!');
    expect(screen(true)).not.toContain('n next');
  });

  it('piped (no keys), a pass names the next lesson and how to start it', () => {
    const passed: Verdict = { lesson: '00-warm-up', passed: true, checks: [{ name: 'a check', state: 'pass' }], ms: 100 };
    const screen = renderScreen({ lesson: findLesson('00'), done: 1, editPaths: [{ abs: '/x/models.ts', rel: 'models.ts' }], verdict: passed, running: false, interactive: false, color: false }, c);
    expect(screen).toContain('Next lesson: 01 · One-to-one: a user and a library card (npm start -- 01)');
    expect(screen).not.toContain('Press n');
  });
});

describe('long messages on a terminal of known width', () => {
  const message = `Books.title allows NULL. ${'Make it required with allowNull: false on the attribute. '.repeat(3)}`.trim();
  const verdict: Verdict = { lesson: '00-warm-up', passed: false, checks: [{ name: 'title > is NOT NULL', state: 'fail', message }], ms: 1 };

  it('wrap at word boundaries under the message indent, losing no word', () => {
    const text = renderVerdict(verdict, c, { columns: 60 });
    const lines = text.split('\n').filter((l) => l.startsWith('      '));
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(60);
    expect(lines.map((l) => l.trim()).join(' ')).toBe(message);
  });

  it('keep a line that fits, and a code line keeps its own indent when wrapped', () => {
    const code = `  Author.hasMany(Book, { as: 'books', foreignKey: 'authorId', onDelete: 'RESTRICT', hooks: true })`;
    const v: Verdict = { ...verdict, checks: [{ name: 'x', state: 'fail', message: `Short.\n${code}` }] };
    const lines = renderVerdict(v, c, { columns: 70 }).split('\n');
    expect(lines).toContain('      Short.');
    const codeLines = lines.filter((l) => l.startsWith('        ') && !l.startsWith('         '));
    expect(codeLines.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the path to edit', () => {
  it('is a clickable link (OSC 8) whose target survives spaces and # in folder names', () => {
    const link = fileLink('/home/ada/my course #2/lessons/01-one-to-one/models.ts', 'lessons/01-one-to-one/models.ts', palette(true), true);
    expect(link).toContain('\x1b]8;;file:///home/ada/my%20course%20%232/lessons/01-one-to-one/models.ts\x1b\\');
    expect(link).toContain('lessons/01-one-to-one/models.ts');
    expect(fileLink('/x/models.ts', 'models.ts', c, false)).toBe('models.ts');
  });
});

describe('solution --diff', () => {
  it('marks your lines - and the solution\'s +, yours first where a line was replaced, shared lines once', () => {
    const mine = 'a\ntitle: DataTypes.STRING,\nz';
    const solved = 'a\ntitle: { type: DataTypes.STRING, allowNull: false },\nisbn: DataTypes.STRING,\nz';
    expect(lineDiff(mine, solved, c).split('\n')).toEqual([
      '  a',
      '- title: DataTypes.STRING,',
      '+ title: { type: DataTypes.STRING, allowNull: false },',
      '+ isbn: DataTypes.STRING,',
      '  z',
    ]);
    expect(lineDiff(solved, solved, c).split('\n').every((l) => l.startsWith('  '))).toBe(true);
  });
});

describe('wording', () => {
  const many = (n: number, passed: boolean): Verdict => ({
    lesson: '13-capstone',
    passed,
    ms: 1,
    checks: [...Array.from({ length: n }, (_, i) => ({ name: `check ${i}`, state: 'pass' as const })), ...(passed ? [] : [{ name: 'broken', state: 'fail' as const, message: 'x '.repeat(400) }])],
  });

  it('one passing check "passes"; an all-pass verdict says its count once', () => {
    expect(renderVerdict(many(1, false), c, { fit: { rows: 8, columns: 80 } })).toContain('✓ 1 check passes');
    const all = renderVerdict(many(30, true), c, { fit: { rows: 8, columns: 80 } });
    expect(all).toContain('All 30 checks pass.');
    expect(all).not.toMatch(/✓ 30 checks pass/);
  });

  it('"Your code could not be checked" is indented like the checks', () => {
    const v: Verdict = { lesson: '01-one-to-one', passed: false, ms: 1, checks: [], problem: 'models.ts has a syntax error.' };
    expect(renderVerdict(v, c).split('\n')[0]).toBe('  ✗ Your code could not be checked:');
  });
});

describe('wrapping never breaks a word or a command', () => {
  /** Every line of `text` is made of whole pieces of `source`: joined again, they give it back. */
  const whole = (text: string, source: string) => expect(text.split('\n').map((l) => l.trim()).join(' ')).toBe(source);

  it('keeps npm commands and `quoted code` on one line', () => {
    const source = 'Lesson 05 passed! Compare with the solution: solutions/05-self-reference/models.ts (or npm run workbook -- solution 05 --diff), then `npm run workbook -- verify 05` again.';
    for (const columns of [40, 50, 60, 70]) {
      const text = wrapIndented(source, '  ', columns);
      whole(text, source);
      expect(text).toContain('npm run workbook -- solution 05 --diff)');
      expect(text).toContain('`npm run workbook -- verify 05`');
    }
  });

  it('on the watch screen: the pass banner, the Edit: paths and long check names', () => {
    const lesson = findLesson('07');
    const name = 'createAuthorWithBooks > is all or nothing: a book with an empty title leaves no author behind at all';
    const v: Verdict = { lesson: '07-creating-with-associations', passed: true, ms: 1, checks: [{ name, state: 'pass' }] };
    const editPaths = lesson.files.map((f) => ({ abs: `/x/${f}`, rel: `lessons/07-creating-with-associations/${f}` }));
    const screen = renderScreen({ lesson, done: 3, editPaths, verdict: v, running: false, interactive: true, color: false, size: { rows: 35, columns: 70 } }, c);
    expect(screen).toContain('npm run workbook -- solution 07 --diff)');
    for (const p of editPaths) expect(screen).toContain(p.rel);
    for (const word of name.split(' ')) expect(screen.split('\n').some((l) => l.split(' ').includes(word))).toBe(true);
    for (const l of screen.split('\n')) expect([...l].length).toBeLessThanOrEqual(70);
  });
});

describe('the watch screen fits a 35-row terminal with everything on it', () => {
  const size = { rows: 35, columns: 100 };
  const hint = ['Hint for 06', ...Array.from({ length: 40 }, (_, i) => `hint line ${i}`), '(hint 3 of 3: the last one)'].join('\n');

  it('a long hint (or list) is cut, and the header, the first failure and the keys stay', () => {
    const screen = renderScreen({ lesson: findLesson('04'), done: 3, editPaths: [{ abs: '/x/models.ts', rel: 'models.ts' }], verdict: longVerdict(), running: false, panel: hint, interactive: true, color: false, size }, c);
    expect(screenRows(screen, size.columns)).toBeLessThanOrEqual(size.rows);
    expect(screen).toMatch(/^Sequelize Associations Workbook/);
    expect(screen).toContain('✗ schema > check 0');
    expect(screen).toContain('Hint for 06');
    expect(screen).toMatch(/cut to fit the screen/);
    expect(screen).toMatch(/q quit$/);
  });

  it('a long problem (a load error) is cut too', () => {
    const v: Verdict = { lesson: '13-capstone', passed: false, ms: 1, checks: [], problem: Array.from({ length: 60 }, (_, i) => `problem line ${i}`).join('\n') };
    const screen = renderScreen({ lesson: findLesson('13'), done: 3, editPaths: [{ abs: '/x/models.ts', rel: 'models.ts' }], verdict: v, running: false, interactive: true, color: false, size }, c);
    expect(screenRows(screen, size.columns)).toBeLessThanOrEqual(size.rows);
    expect(screen).toMatch(/^Sequelize Associations Workbook/);
    expect(screen).toMatch(/q quit$/);
  });

  it('the last lesson, passed, with the course complete: no "n next" (n has nowhere to go)', () => {
    const last = lessons[lessons.length - 1];
    const v: Verdict = { lesson: `${last.id}-${last.slug}`, passed: true, ms: 1, checks: [{ name: 'a', state: 'pass' }] };
    const ending = `You finished the Sequelize Associations Workbook: all ${lessons.length} lessons pass.`;
    const screen = renderScreen({ lesson: findLesson(last.id), done: lessons.length, editPaths: [{ abs: '/x/models.ts', rel: 'models.ts' }], verdict: v, running: false, ending, interactive: true, color: false, size }, c);
    expect(screenRows(screen, size.columns)).toBeLessThanOrEqual(size.rows);
    expect(screen).toContain('You finished');
    expect(screen).not.toContain('n next');
  });
});
