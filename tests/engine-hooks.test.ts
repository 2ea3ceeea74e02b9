/**
 * The engine's own test runner runs hooks as Vitest does: afterEach after every check, passed or
 * failed. The kit closes each check's database there; a failed check that skipped it left its
 * connection open under the next check (on PostgreSQL, the next check then had to end it).
 */
import { describe, expect, it } from 'vitest';
import * as mini from '../runner/engine/mini-vitest.ts';

async function run(define: () => void) {
  mini.resetCollector();
  define();
  return mini.runCollected({ timeoutMs: 1000 });
}

describe("the engine's afterEach", () => {
  it('runs after a check that fails, one that throws, and one that passes', async () => {
    const seen: string[] = [];
    const results = await run(() => {
      mini.afterEach(() => void seen.push('afterEach'));
      mini.it('fails', () => mini.expect(1).to.equal(2));
      mini.it('throws', () => {
        throw new Error('boom');
      });
      mini.it('passes', () => undefined);
    });
    expect(results.map((r) => r.state)).toEqual(['fail', 'error', 'pass']);
    expect(seen).toEqual(['afterEach', 'afterEach', 'afterEach']);
  });

  it("a failing afterEach fails a check that passed, and never hides a check's own failure", async () => {
    const results = await run(() => {
      mini.afterEach(() => {
        throw new Error('cleanup failed');
      });
      mini.it('passes', () => undefined);
      mini.it('fails', () => mini.expect('a').to.equal('b'));
    });
    expect(results[0]).toMatchObject({ state: 'error', message: expect.stringContaining('cleanup failed') });
    expect(results[1].state).toBe('fail');
    expect(results[1].message).not.toContain('cleanup failed');
  });
});
