/**
 * A small stand-in for the parts of 'vitest' that lesson check files use (describe, it/test,
 * hooks, expect with expect.extend). The engine maps the specifier 'vitest' to this module so a
 * warm child process can run a check file without paying Vitest's start-up and per-run cost.
 * The check files stay plain Vitest files: `npx vitest` runs them unchanged.
 */
import { chai, getState, setState, JestChaiExpect, JestExtend, JestAsymmetricMatchers, ChaiStyleAssertions, ASYMMETRIC_MATCHERS_OBJECT, customMatchers } from '@vitest/expect';
import type { CheckResult } from './verdict.ts';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(ChaiStyleAssertions);
chai.use(JestAsymmetricMatchers);
// Show whole values: "expected [ 'a', …(2) ] to deeply equal [ 'a', …(2) ]" hides the difference.
chai.config.truncateThreshold = 0;

type Fn = () => unknown | Promise<unknown>;
interface TestNode { kind: 'test'; name: string; fn?: Fn; mode: 'run' | 'skip' | 'only' | 'todo'; timeout?: number }
interface SuiteNode {
  kind: 'suite';
  name: string;
  mode: 'run' | 'skip' | 'only';
  children: Array<TestNode | SuiteNode>;
  beforeAll: Fn[];
  afterAll: Fn[];
  beforeEach: Fn[];
  afterEach: Fn[];
}

function newSuite(name: string, mode: SuiteNode['mode']): SuiteNode {
  return { kind: 'suite', name, mode, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] };
}

let root = newSuite('', 'run');
let current = root;

/** Forget everything collected so far (one run per process in practice; tests reuse it). */
export function resetCollector(): void {
  root = newSuite('', 'run');
  current = root;
}

/** Adds top-level checks among those collected, at `at` (0 to 1) of the way through (the engine's canaries). */
export function insertChecks(checks: Array<{ name: string; fn: Fn; at: number }>): void {
  for (const c of checks) root.children.splice(Math.floor(c.at * (root.children.length + 1)), 0, { kind: 'test', name: c.name, fn: c.fn, mode: 'run' });
}

/** Every collected check's name, in run order: the engine counts checks a hang or crash kept from running. */
export function collectedNames(): string[] {
  const names: string[] = [];
  const walk = (n: SuiteNode | TestNode, path: string[]) => {
    if (n.kind === 'test') names.push([...path, n.name].join(' > '));
    else for (const c of n.children) walk(c, n.name ? [...path, n.name] : path);
  };
  walk(root, []);
  return names;
}

function collectSuite(name: string, fn: Fn | undefined, mode: SuiteNode['mode']): void {
  const suite = newSuite(name, mode);
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    const r = fn?.();
    if (r && typeof (r as Promise<unknown>).then === 'function') {
      throw new Error(`describe('${name}') must not be async`);
    }
  } finally {
    current = parent;
  }
}

function makeDescribe() {
  const d = (name: string, fn?: Fn) => collectSuite(name, fn, 'run');
  d.skip = (name: string, fn?: Fn) => collectSuite(name, fn, 'skip');
  d.only = (name: string, fn?: Fn) => collectSuite(name, fn, 'only');
  return d;
}

function makeTest() {
  const add = (mode: TestNode['mode']) => (name: string, fn?: Fn, timeout?: number | { timeout?: number }) => {
    const ms = typeof timeout === 'number' ? timeout : timeout?.timeout;
    current.children.push({ kind: 'test', name, fn, mode: fn ? mode : 'todo', timeout: ms });
  };
  const t = add('run');
  return Object.assign(t, { skip: add('skip'), only: add('only'), todo: (name: string) => add('todo')(name) });
}

export const describe = makeDescribe();
export const suite = describe;
export const it = makeTest();
export const test = it;
export const beforeAll = (fn: Fn) => void current.beforeAll.push(fn);
export const afterAll = (fn: Fn) => void current.afterAll.push(fn);
export const beforeEach = (fn: Fn) => void current.beforeEach.push(fn);
export const afterEach = (fn: Fn) => void current.afterEach.push(fn);

type ExpectFn = ((value: unknown, message?: string) => Chai.Assertion) & Record<string, unknown>;

function createExpect(): ExpectFn {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect as never);
    setState({ assertionCalls: assertionCalls + 1 }, expect as never);
    return chai.expect(value, message);
  }) as ExpectFn;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, currentTestName: '' }, expect as never);
  expect.getState = () => getState(expect as never);
  expect.setState = (state: object) => setState(state, expect as never);
  expect.extend = (matchers: object) => (chai.expect as unknown as { extend: (e: unknown, m: object) => void }).extend(expect, matchers);
  expect.assert = chai.assert;
  expect.unreachable = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  (expect.extend as (m: object) => void)(customMatchers);
  return expect;
}

export const expect = createExpect();

/** Default per-check time limit, as Vitest's testTimeout: a promise that never settles fails one check, not the run. */
export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

let interruptCurrent: ((e: Error) => void) | undefined;

function withTimeout(p: Promise<unknown>, ms: number, name: string): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise((_, reject) => {
    interruptCurrent = reject;
    timer = setTimeout(
      () => reject(new Error(`"${name}" did not finish within ${ms / 1000} s. Is there a promise that never settles (a missing await, or a callback never called)?`)),
      ms,
    );
    // Unref'd: when nothing else can wake the process up, the child notices at once (see stalled()).
    timer.unref();
  });
  return Promise.race([p, limit]).finally(() => {
    clearTimeout(timer);
    interruptCurrent = undefined;
  });
}

/** Fails the check that is running now with `e` (an error thrown from a timer or a callback). False when none is. */
export function interrupt(e: unknown): boolean {
  if (!interruptCurrent) return false;
  interruptCurrent(e instanceof Error ? e : new Error(String(e)));
  return true;
}

/**
 * Called when the event loop has nothing left to do while a check is still waiting: its promise
 * can never settle. Fails that check now instead of waiting for the time limit. False when idle.
 */
export function stalled(): boolean {
  if (!interruptCurrent) return false;
  interruptCurrent(new Error('This check waited for a promise that can never settle: nothing is left running that could resolve it. Look for a `new Promise` whose resolve is never called, or an await on something that never finishes.'));
  return true;
}

async function runHooks(hooks: Fn[], name: string, timeout: number): Promise<void> {
  for (const h of hooks) await withTimeout(Promise.resolve().then(h), timeout, name);
}

function hasOnly(node: SuiteNode | TestNode): boolean {
  if (node.mode === 'only') return true;
  return node.kind === 'suite' && node.children.some(hasOnly);
}

export interface RunOptions {
  timeoutMs?: number;
  /** Called after each check, so a caller can stream progress. */
  onResult?: (r: CheckResult) => void;
  describeError?: (e: unknown) => string;
}

/** Runs everything collected, in order, as Vitest does with sequential tests. */
export async function runCollected(opts: RunOptions = {}): Promise<CheckResult[]> {
  const timeout = opts.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const describeError = opts.describeError ?? ((e: unknown) => (e instanceof Error ? e.message : String(e)));
  const results: CheckResult[] = [];
  const onlyMode = hasOnly(root);
  const push = (r: CheckResult) => {
    results.push(r);
    opts.onResult?.(r);
  };

  async function runSuite(s: SuiteNode, path: string[], eachBefore: Fn[], eachAfter: Fn[], skipped: boolean): Promise<void> {
    const before = [...eachBefore, ...s.beforeEach];
    const after = [...s.afterEach, ...eachAfter];
    const tests: Array<{ t: TestNode; p: string[] }> = [];
    const collectNames = (n: SuiteNode | TestNode, p: string[]) => {
      if (n.kind === 'test') tests.push({ t: n, p: [...p, n.name] });
      else for (const c of n.children) collectNames(c, n.name ? [...p, n.name] : p);
    };
    let setupError: unknown;
    if (!skipped && s.beforeAll.length) {
      try {
        await runHooks(s.beforeAll, `beforeAll in ${s.name || 'file'}`, timeout);
      } catch (e) {
        setupError = e;
      }
    }
    for (const child of s.children) {
      const childSkipped = skipped || child.mode === 'skip' || (onlyMode && !hasOnly(child) && !insideOnly(s));
      if (child.kind === 'suite') {
        if (setupError !== undefined) {
          collectNames(child, path);
          continue;
        }
        await runSuite(child, child.name ? [...path, child.name] : path, before, after, childSkipped);
        continue;
      }
      const name = [...path, child.name].join(' > ');
      if (childSkipped || child.mode === 'todo' || !child.fn) {
        push({ name, state: 'skip' });
        continue;
      }
      if (setupError !== undefined) {
        push({ name, state: 'error', message: describeError(setupError) });
        continue;
      }
      let failure: { error: unknown } | undefined;
      try {
        await runHooks(before, `beforeEach of "${name}"`, timeout);
        await withTimeout(Promise.resolve().then(child.fn), child.timeout ?? timeout, name);
      } catch (e) {
        failure = { error: e };
      }
      // As in Vitest, afterEach runs whether the check passed or not: it is where the kit closes the
      // check's database, which a failed check would otherwise leave open under the next one.
      try {
        await runHooks(after, `afterEach of "${name}"`, timeout);
      } catch (e) {
        failure ??= { error: e };
      }
      if (!failure) push({ name, state: 'pass' });
      else push({ name, state: isAssertion(failure.error) ? 'fail' : 'error', message: describeError(failure.error) });
    }
    for (const { t, p } of tests) push({ name: p.join(' > '), state: 'error', message: describeError(setupError) + ` (${t.name} did not run)` });
    if (!skipped) {
      try {
        await runHooks(s.afterAll, `afterAll in ${s.name || 'file'}`, timeout);
      } catch {
        // afterAll cleans up; its failure does not change a check's verdict.
      }
    }
  }

  function insideOnly(s: SuiteNode): boolean {
    return s.mode === 'only';
  }

  await runSuite(root, [], [], [], false);
  return results;
}

/** A failed expectation (or a kit check saying no) rather than a crash in the learner's code. */
export function isAssertion(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const kind = e.constructor?.name ?? '';
  return e.name === 'AssertionError' || kind === 'AssertionError' || kind === 'JestExtendError' || (e as { isLessonFailure?: boolean }).isLessonFailure === true;
}
