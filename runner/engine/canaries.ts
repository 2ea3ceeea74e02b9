/**
 * Canary checks: checks that must fail in a fair run, slipped among a lesson's own checks at places
 * and under names the parent chose at random for this job (protocol.ts: RunJob.canaries). Each one
 * runs assertions through the same tools the lesson's checks use (expect with the kit's matchers,
 * failIf, Sequelize, the database driver and the schema reader) and fails when every assertion fails,
 * as they all must. Code that makes the checks pass by patching those tools makes a canary pass too,
 * and the parent grades that run as failed: "tampering suspected". The parent, not this process,
 * knows which results are canaries and what they must be.
 */
import { DataTypes } from 'sequelize';
import { failIf } from '../kit/failure.ts';
import { currentDialect } from '../kit/dialect/index.ts';
// 'vitest' is the engine's stand-in in a check process (vitest-alias-hook.mjs): the checks' own expect.
import { expect } from 'vitest';
import type { CanarySpec } from './protocol.ts';

type Fn = () => Promise<void>;

/** Runs each attempt; passes when any attempt passed (tampering), fails with the first error otherwise. */
async function allMustFail(attempts: Fn[]): Promise<void> {
  let first: unknown;
  let threw = 0;
  for (const attempt of attempts) {
    try {
      await attempt();
    } catch (e) {
      first ??= e;
      threw++;
    }
  }
  if (threw === attempts.length) throw first;
}

function assertions(a: number, b: number): Fn[] {
  return [
    async () => expect(a).toBe(b),
    async () => expect({ n: a, list: [a, String(a)] }).toEqual({ n: b, list: [b, String(b)] }),
    async () => expect([a]).toContain(b),
    async () => failIf(`canary ${a}`),
    async () => expect(() => undefined).toThrow(),
  ];
}

function database(a: number, b: number): Fn[] {
  const table = `Canary${a}s`;
  return [
    async () => {
      const dialect = currentDialect();
      const sequelize = await dialect.open(() => undefined);
      try {
        const M = sequelize.define(`Canary${a}`, { label: { type: DataTypes.STRING, allowNull: true } });
        await sequelize.sync();
        const failure = await allRejected([
          // The schema as the kit reads it: the column allows NULL.
          async () => {
            const col = (await dialect.reader(sequelize).columns(table)).find((c) => c.name === 'label');
            expect(col?.notNull).toBe(true);
          },
          // Sequelize saves an empty label (no validation): expecting a refusal fails.
          async () => {
            const saved = await M.create({ label: '' }).then(() => 'saved', () => 'refused');
            expect(saved).toBe('refused');
          },
          // The driver returns what the database computed.
          async () => {
            const [result] = await sequelize.query(`SELECT ${a} AS v`);
            expect(Number((result as Array<{ v: unknown }>)[0]?.v)).toBe(b);
          },
          async () => expect(await M.count()).toBe(0),
        ]);
        if (failure) throw failure;
      } finally {
        await sequelize.close();
      }
    },
  ];
}

/** Like allMustFail, returning the first error when all failed and throwing nothing when any passed. */
async function allRejected(attempts: Fn[]): Promise<unknown> {
  try {
    await allMustFail(attempts);
    return undefined;
  } catch (e) {
    return e;
  }
}

export function canaryChecks(spec: CanarySpec): Array<{ name: string; fn: Fn; at: number }> {
  const [a, b] = spec.values;
  return [
    { name: spec.names[0], at: spec.at[0], fn: () => allMustFail(assertions(a, b)) },
    { name: spec.names[1], at: spec.at[1], fn: () => allMustFail(database(a, b)) },
  ];
}
