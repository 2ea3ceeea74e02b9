import { describe, it, expect } from 'vitest';
import { failIf, migrator, schemaDifferences, snapshot, useLesson, type LessonDb, type Migration, type SchemaDifference } from '../../runner/kit/index.ts';

const lesson = useLesson<typeof import('./models.ts')>(import.meta.url);

const FILES = ['01-create-tables.ts', '02-add-comment-authors.ts'];
const MIGRATIONS: Migration[] = FILES.map((f) => ({ name: f, load: () => lesson.module(`migrations/${f}`) }));
const [FIRST, SECOND] = FILES;

/** A fresh, empty database (the models are defined on it, but no table is made) and its migrator. */
async function empty() {
  const db = await lesson.open({ sync: false });
  return { db, migrate: migrator(db.sequelize, MIGRATIONS) };
}

/** What sync() makes of the models: after 01 only, or after both. */
async function modelsSchema(stage: 'before 02' | 'after 02') {
  const db = await lesson.open(stage === 'before 02' ? { define: 'defineModelsBefore02' } : {});
  return snapshot(db.schema);
}

const list = (ds: SchemaDifference[]) => ds.map((d) => `- ${d.message}`).join('\n');

async function expectSameSchema(db: LessonDb<unknown>, stage: 'before 02' | 'after 02', after: string, kinds?: SchemaDifference['kind'][]) {
  const ds = schemaDifferences(await snapshot(db.schema), await modelsSchema(stage)).filter((d) => !kinds || kinds.includes(d.kind));
  failIf(ds.length ? `After ${after}, the schema is not what the models say:\n${list(ds)}` : null);
}

/** Why a change to authorId alone damages Comments' other columns. */
const REBUILT = `\nThe damage on Comments is not in authorId: on SQLite, changeColumn and removeColumn rebuild the whole table from describeTable, which forgets every other key's ON DELETE / ON UPDATE and every index. Rebuild the table yourself (create the new one whole, copy the rows, drop the old, rename, index again), or check the schema after each step.`;

/** A small blog written straight into 01's tables (as a real database would be before 02 runs). */
async function rowsBefore02(db: LessonDb<unknown>) {
  try {
    return await writeRowsBefore02(db);
  } catch (e) {
    failIf(`The checks could not write a small blog into the tables 01 made (${e instanceof Error ? e.message : String(e)}): 01 must create every table and column the models have, with the same names (the check on 01 names the difference).`);
    throw e;
  }
}

async function writeRowsBefore02(db: LessonDb<unknown>) {
  const qi = db.sequelize.getQueryInterface();
  const at = new Date('2026-01-01T00:00:00Z');
  const stamp = { createdAt: at, updatedAt: at };
  await qi.bulkInsert('Users', [{ id: 1, name: 'Ada', email: 'ada@example.com', ...stamp }, { id: 2, name: 'Bob', email: 'bob@example.com', ...stamp }, { id: 3, name: 'Cy', email: 'cy@example.com', ...stamp }]);
  await qi.bulkInsert('Posts', [{ id: 10, title: 'Engines', authorId: 1, ...stamp }, { id: 11, title: 'Looms', authorId: 2, ...stamp }, { id: 12, title: 'Quiet', authorId: 3, ...stamp }]);
  await qi.bulkInsert('Tags', [{ id: 20, name: 'history', ...stamp }, { id: 21, name: 'machines', ...stamp }]);
  await qi.bulkInsert('PostTags', [{ postId: 10, tagId: 20, ...stamp }, { postId: 10, tagId: 21, ...stamp }, { postId: 11, tagId: 21, ...stamp }]);
  // Comments on Ada's post and on Bob's; Cy's post has none.
  await qi.bulkInsert('Comments', [{ id: 30, body: 'Nice', postId: 10, ...stamp }, { id: 31, body: 'Agreed', postId: 10, ...stamp }, { id: 32, body: 'Lovely', postId: 11, ...stamp }]);
  return { commentAuthors: { 30: 1, 31: 1, 32: 2 } as Record<number, number> };
}

type Row = Record<string, unknown>;
async function rows(db: LessonDb<unknown>, table: string, order: string[]): Promise<Row[]> {
  const all = (await db.sequelize.getQueryInterface().select(null, table, {})) as Row[];
  return all.sort((a, b) => order.map((c) => Number(a[c]) - Number(b[c])).find((d) => d !== 0) ?? 0);
}

async function counts(db: LessonDb<unknown>) {
  const out: Record<string, number> = {};
  for (const t of ['Users', 'Posts', 'Tags', 'PostTags', 'Comments']) out[t] = (await rows(db, t, t === 'PostTags' ? ['postId', 'tagId'] : ['id'])).length;
  return out;
}

describe(`migration 01 (${FIRST}) on an empty database`, () => {
  it('creates every table and column the models have, with the same names', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    await expectSameSchema(db, 'before 02', FIRST, ['table', 'column', 'type']);
  });

  it('gives every foreign key its references, ON DELETE and ON UPDATE', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    await expectSameSchema(db, 'before 02', FIRST, ['foreign key']);
  });

  it('makes the same columns NOT NULL, unique and primary key as the models', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    await expectSameSchema(db, 'before 02', FIRST, ['not null', 'unique']);
  });

  it('indexes every foreign-key column', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    await expectSameSchema(db, 'before 02', FIRST, ['index']);
  });

  it('down() drops everything it made', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    await migrate.down(0);
    const left = (await db.schema.tables()).filter((t) => t !== 'SequelizeMeta');
    failIf(left.length ? `After ${FIRST}'s down(), these tables are still there: ${left.join(', ')}. down() must drop every table up() creates (children first).` : null);
  });
});

describe(`migration 02 (${SECOND}) on top of 01`, () => {
  it('leaves the schema exactly as the models say', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    const before = await snapshot(db.schema);
    await migrate.up();
    const ds = schemaDifferences(await snapshot(db.schema), await modelsSchema('after 02'));
    // Damage to what 02 never meant to touch is SQLite's table rebuild: say so.
    const after01 = schemaDifferences(before, await modelsSchema('before 02'));
    const collateral = ds.filter((d) => d.table === 'Comments' && d.column !== 'authorId' && !after01.some((x) => x.message === d.message));
    const why = collateral.length ? REBUILT : '';
    failIf(ds.length ? `After ${SECOND}, the schema is not what the models say:\n${list(ds)}${why}` : null);
  });

  it('keeps every row that was there before it, and credits each comment to its post\'s author', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    const { commentAuthors } = await rowsBefore02(db);
    const before = await counts(db);
    await migrate.up();
    const after = await counts(db);
    const lost = Object.keys(before).filter((t) => after[t] !== before[t]);
    failIf(lost.length ? `${SECOND} lost rows: ${lost.map((t) => `${t} had ${before[t]}, now ${after[t]}`).join('; ')}. A table rebuild that drops a table others point at deletes their rows through ON DELETE CASCADE; copy the rows before dropping anything.` : null);
    const wrong = (await rows(db, 'Comments', ['id'])).filter((c) => Number(c.authorId) !== commentAuthors[Number(c.id)]);
    failIf(
      wrong.length
        ? `After ${SECOND}, ${wrong.map((c) => `comment ${c.id} (on post ${c.postId}) has authorId ${c.authorId}`).join(', ')}: each comment that existed before should be credited to its post's author (comment 30 and 31 to user 1, 32 to user 2). Fill the column from Posts: UPDATE Comments SET authorId = (SELECT authorId FROM Posts WHERE Posts.id = Comments.postId).`
        : null,
    );
  });

  it('down() returns the database to where 01 left it, rows and all', async () => {
    const { db, migrate } = await empty();
    await migrate.up(FIRST);
    await rowsBefore02(db);
    const schemaBefore = await snapshot(db.schema);
    const before = await counts(db);
    await migrate.up();
    await migrate.down();
    const ds = schemaDifferences(await snapshot(db.schema), schemaBefore, { baseline: '01' });
    const after = await counts(db);
    // Last: opening the models' database empties this one on PostgreSQL. 01 itself may differ from
    // the models where down() differs from 01 (down() then rebuilt what the model wants): say so.
    const in01 = ds.length ? schemaDifferences(schemaBefore, await modelsSchema('before 02')).filter((d) => ds.some((x) => x.table === d.table && x.column === d.column)) : [];
    const why = in01.length
      ? `\n01 itself is not what the models say there (the checks on 01 name it: ${in01.map((d) => `${d.table}.${d.column}`).join(', ')}): fix 01, and keep down() giving back what 01 made.`
      : ds.some((d) => d.table === 'Comments' && d.column !== 'authorId')
        ? REBUILT
        : '';
    failIf(ds.length ? `After ${SECOND}'s down(), the schema is not what 01 left:\n${list(ds)}${why}` : null);
    const lost = Object.keys(before).filter((t) => after[t] !== before[t]);
    failIf(lost.length ? `${SECOND}'s down() lost rows: ${lost.map((t) => `${t} had ${before[t]}, now ${after[t]}`).join('; ')}.` : null);
  });
});

describe('running the migrations again', () => {
  it('up twice changes nothing, and down to nothing then up again gives the same schema', async () => {
    const { db, migrate } = await empty();
    await migrate.up();
    const once = await snapshot(db.schema);
    expect(await migrate.up(), 'umzug ran a migration a second time: SequelizeMeta should have recorded it').toEqual([]);
    await migrate.down(0);
    await migrate.up();
    const ds = schemaDifferences(await snapshot(db.schema), once, { baseline: 'the first up' });
    failIf(ds.length ? `Down to nothing and up again did not give the same schema:\n${list(ds)}` : null);
  });
});
