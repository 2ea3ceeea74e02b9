/**
 * A child process that reads one lesson's schema (its models synced on a fresh database) and exits:
 * learner code is loaded fresh every time and cannot hang or crash the book's server. It starts
 * warm (Sequelize and the schema reader loaded) and waits for its one job.
 */
// First, by its path: the kit imports 'vitest', which the engine's hook maps to this file, and only a
// file already loaded by path can be reached that way (as in engine/child.ts).
import '../engine/mini-vitest.ts';
import { findLesson } from '../course/lessons.ts';
import { snapshotOf } from '../commands/schema.ts';
import { enableCommonJsTypeScript } from '../loader/commonjs-typescript.ts';
import type { SchemaSnapshot } from './diagram/snapshot.ts';

export interface SchemaJob {
  lesson: string;
  /** A lessons root or a lesson folder, as `schema --from`; the lesson's own folder when unset. */
  from?: string;
}
export type SchemaReply = { type: 'ready' } | { type: 'snapshot'; snapshot: SchemaSnapshot } | { type: 'error'; message: string };

// Taken before learner code loads, which could replace process.send.
const send = process.send?.bind(process);
const exit = process.exit.bind(process);
const reply = (m: SchemaReply) => new Promise<void>((resolve) => (send ? send(m, () => resolve()) : resolve()));

process.once('message', (job: SchemaJob) => {
  void (async () => {
    try {
      await reply({ type: 'snapshot', snapshot: await snapshotOf(findLesson(job.lesson), job.from) });
    } catch (e) {
      await reply({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
    exit(0);
  })();
});
enableCommonJsTypeScript();
// The book gone (killed, crashed) without closing us: a spare waiting for a job must not outlive it.
process.once('disconnect', () => exit(0));
void reply({ type: 'ready' });
