/**
 * The mutation test's fast subset: for every lesson, a few edits of its solution within the task (the
 * first place of the fast rules: hasMany→hasOne, belongsTo→hasOne, onDelete and foreignKey dropped)
 * run through the engine. Each must be rejected, or proved equivalent; a check that stops catching its
 * mutant fails here. The whole set is `npm run mutants`, a command, not a test.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { lessons, lessonFolder } from '../runner/course/lessons.ts';
import { mutantsOf, sampleOf } from '../runner/mutants/apply.ts';
import { judge, mutantPool } from '../runner/mutants/classify.ts';
import { settleScratch } from '../runner/kit/db/prepare.ts';
import { FAST_RULES, rules } from '../runner/mutants/rules.ts';
import { withOtherDatabase } from '../runner/mutants/other-database.ts';

describe('the rules', () => {
  it('drop an option with its comma, wherever it sits in the object', () => {
    const drop = rules.find((r) => r.id === 'drop-onDelete')!;
    const text = "A.hasMany(B, { foreignKey: 'bId', onDelete: 'CASCADE' });\nB.belongsTo(A, { onDelete: 'CASCADE', as: 'a' }); // onDelete: 'x'";
    const edits = drop.sites(text).map((s) => text.slice(0, s.start) + s.replacement + text.slice(s.end));
    expect(edits).toEqual([
      "A.hasMany(B, { foreignKey: 'bId' });\nB.belongsTo(A, { onDelete: 'CASCADE', as: 'a' }); // onDelete: 'x'",
      "A.hasMany(B, { foreignKey: 'bId', onDelete: 'CASCADE' });\nB.belongsTo(A, { as: 'a' }); // onDelete: 'x'",
    ]);
  });

  it('change a call, never one in a comment or a string', () => {
    const flip = rules.find((r) => r.id === 'belongsTo-to-hasOne')!;
    const text = "// Post.belongsTo(User)\nPost.belongsTo(User);\nconst s = 'x.belongsTo(y)';\nPost.belongsToMany(Tag, { through: 'PostTags' });";
    expect(flip.sites(text).map((s) => text.slice(s.start, s.end))).toEqual(['belongsTo']);
    expect(flip.sites(text)).toHaveLength(1);
  });

  it('leave out of scope what the manifest lists (lesson 07: the models are given solved)', () => {
    const l07 = lessons.find((l) => l.id === '07')!;
    const ms = mutantsOf(l07);
    expect(ms.filter((m) => m.file === 'models.ts').every((m) => m.outOfScope)).toBe(true);
    expect(ms.some((m) => m.file === 'services.ts' && !m.outOfScope)).toBe(true);
  });
});

describe('--both: a mutant accepted here is a miss only if the other database accepts it too', () => {
  it("lesson 14's PostgreSQL-only branch: rejected there counts as rejected, with that database's message", () => {
    const [a, b, c] = mutantsOf(lessons.find((l) => l.id === '14')!).filter((m) => !m.outOfScope);
    const judged = withOtherDatabase(
      [
        { mutant: a, outcome: 'real miss', message: 'accepted' },
        { mutant: b, outcome: 'real miss', message: 'accepted' },
        { mutant: c, outcome: 'rejected', named: true, message: 'here' },
      ],
      'postgres',
      { [a.id]: { outcome: 'rejected', named: true, message: 'After 02, the schema is not what the models say' }, [b.id]: { outcome: 'real miss' }, [c.id]: { outcome: 'real miss' } },
    );
    expect(judged.map((j) => [j.outcome, j.on, j.message])).toEqual([
      ['rejected', 'postgres', 'After 02, the schema is not what the models say'],
      ['real miss', undefined, 'accepted'],
      ['rejected', undefined, 'here'],
    ]);
  });
});

describe("every lesson's checks catch a sample of its mutants", () => {
  // One pool for every lesson: its children take mutant after mutant, whatever the lesson.
  const pool = mutantPool(lessons);
  afterAll(async () => {
    pool.close();
    await settleScratch();
  });
  it.each(lessons.map((l) => [lessonFolder(l), l] as const))('%s', async (_name, lesson) => {
    const sample = sampleOf(mutantsOf(lesson), FAST_RULES, 2);
    expect(sample.length, 'no mutant within the task to try').toBeGreaterThan(0);
    const judged = await judge(lesson, sample, undefined, pool);
    const missed = judged.filter((j) => j.outcome !== 'rejected' && j.outcome !== 'equivalent');
    expect(missed.map((j) => `${j.mutant.id}: ${j.mutant.before} → ${j.mutant.after} (${j.message})`)).toEqual([]);
    expect(judged.some((j) => j.outcome === 'rejected'), 'every sampled mutant was equivalent: the sample tests nothing').toBe(true);
  });
});
