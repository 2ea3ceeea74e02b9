/**
 * Doctor's child process: the project's code runs here, never in the command's own process, so a
 * project that calls process.exit, hangs or crashes cannot take doctor down (the parent times it out).
 * It loads the models on a scratch database, syncs, reads the schema back, runs the checks and the
 * migrations, and sends one message back: the result, or a request to be restarted on the database
 * the project's dialect needs.
 */
import { rmSync } from 'node:fs';
import type { Sequelize } from 'sequelize';
import { redirectSequelize } from './sequelize-redirect.ts';
import { recordDeclarations } from './declarations.ts';
import { recordDecoratorSites } from './decorator-sites.ts';
import { installScratch } from './scratch.ts';
import { compileForDecorators, usesDecorators } from './decorators.ts';
import { ModelLoader } from './load.ts';
import { readSchema } from './read-schema.ts';
import { contextFor } from './findings/context.ts';
import { runChecks } from './findings/registry.ts';
import { checkMigrations, modelsSnapshot } from './migrations.ts';
import { firstLine } from './load-error.ts';
import { projectSequelize, versionNote } from './project-sequelize.ts';
import { explainError } from '../kit/diagnose/errors.ts';
import { inventory } from '../kit/associations.ts';
import type { ChildMessage, DoctorJob, DoctorResult, Finding, Problem, TableSchema } from './result.ts';
import type { SchemaSnapshot } from '../kit/diagnose/migrations.ts';

const send = process.send!.bind(process);
const realExit = process.exit.bind(process);
const done = (m: ChildMessage) => send(m, () => realExit(0));

// The project's code must not end this process: process.exit becomes an error where it was called.
process.exit = ((code?: number) => {
  throw new Error(`the project's code called process.exit(${code ?? ''})`);
}) as typeof process.exit;
// A rejection the project's code leaves behind is not doctor's failure.
process.on('unhandledRejection', () => undefined);

const job = JSON.parse(process.env.WORKBOOK_DOCTOR_JOB ?? '{}') as DoctorJob;

async function main(): Promise<ChildMessage> {
  const problems: Problem[] = [];
  let layout = job.layout;
  // sequelize-typescript: compiled by TypeScript's compiler into a temporary mirror, loaded from there.
  if (usesDecorators(layout)) {
    const compiled = compileForDecorators(layout);
    if ('problem' in compiled) {
      // Nothing of it loads without: one line, not one per model file.
      problems.push({ kind: 'package', message: compiled.problem });
      layout = { ...layout, index: undefined, modelFiles: [], migrationFiles: [] };
    } else {
      layout = compiled.layout;
      process.once('exit', () => rmSync(compiled.layout.root, { recursive: true, force: true }));
    }
  }
  redirectSequelize();
  const declarations = recordDeclarations(layout.root, layout.root !== job.layout.root ? recordDecoratorSites(layout.root, job.layout.root) : undefined);
  const server = job.database === 'postgres' ? await (await import('../kit/db/prepare.ts')).scratchDatabase() : undefined;
  const scratch = installScratch({ dialect: job.database, server });
  const loaded = await new ModelLoader(layout, scratch, problems).load();
  const projectDialect = [...scratch.asked][0];
  const mayMove = !job.forced && job.database === 'sqlite';
  if (mayMove && projectDialect && projectDialect !== 'sqlite') return { type: 'restart', why: '' };

  const notes: string[] = [...(job.notes ?? [])];
  if (projectDialect && !['sqlite', 'postgres'].includes(projectDialect)) {
    notes.push(`The project uses ${projectDialect}: checked on ${job.database === 'postgres' ? 'PostgreSQL' : 'SQLite'}, so what only ${projectDialect} does (its types, its own index on every foreign key) is not checked.`);
  }
  const version = versionNote(projectSequelize(job.layout.root));
  if (version) notes.push(version);

  const findings: Finding[] = [];
  const schema: TableSchema[] = [];
  let modelSchema: SchemaSnapshot | undefined;
  let checked = false;
  for (const sequelize of loaded.instances) {
    try {
      await sequelize.sync();
    } catch (e) {
      // PostgreSQL's detail names the columns (a key whose type differs from the column it references).
      const detail = (e as { parent?: { detail?: unknown } }).parent?.detail;
      const why = `${explainError(e, { associations: inventory(sequelize) }).split('\n')[0].replace(/([^.])$/, '$1.')}${typeof detail === 'string' ? ` ${detail}` : ''}`;
      // A dialect nobody named, and tables SQLite cannot make (ARRAY, JSONB...): PostgreSQL may.
      if (mayMove) return { type: 'restart', why: `SQLite could not create the tables (${why.replace(/\.$/, '')}), so they were checked on PostgreSQL.` };
      problems.push({ kind: 'sync', message: `Creating the tables failed: ${why} Only the checks that need no tables were run.` });
      const ctx = contextFor({ sequelize, schema: [], database: job.database, projectDialect, problems }, declarations);
      findings.push(...(await runChecks(ctx, { declarationsOnly: true })));
      continue;
    }
    checked = true;
    const tables = await readSchema(sequelize);
    schema.push(...tables);
    modelSchema ??= await modelsSnapshot(sequelize);
    const ctx = contextFor({ sequelize, schema: tables, database: job.database, projectDialect, problems }, declarations);
    findings.push(...(await runChecks(ctx)));
  }
  const models = loaded.instances.flatMap((s: Sequelize) => Object.keys(s.models));
  const associations = loaded.instances.reduce((n, s) => n + Object.values(s.models).reduce((m, model) => m + Object.keys(model.associations).length, 0), 0);
  for (const s of loaded.instances) await s.close().catch(() => undefined);

  let migrations: DoctorResult['migrations'];
  if (layout.migrationFiles.length && modelSchema) {
    const checked = await checkMigrations(layout.migrationFiles, layout.root, modelSchema, problems);
    const modelOf = (table: string) => loaded.instances.flatMap((s) => Object.values(s.models)).find((m) => m.getTableName().toString() === table)?.name;
    for (const f of checked.findings) f.models = f.models.map((table) => modelOf(table) ?? table);
    findings.push(...checked.findings);
    migrations = { files: layout.migrationFiles.length, ran: checked.ran };
  }
  // Messages name the project's own folder, not the compiled mirror.
  if (layout.root !== job.layout.root) for (const p of problems) p.message = p.message.split(layout.root).join(job.layout.root);
  const result: DoctorResult = {
    root: job.layout.root,
    database: job.database,
    projectDialect,
    loadedFrom: loaded.loadedFrom,
    models,
    associations,
    notes,
    problems,
    findings,
    schema,
    migrations,
    checked,
  };
  return { type: 'result', result };
}

main().then(done, (e: unknown) => done({ type: 'fatal', message: firstLine(e) }));
