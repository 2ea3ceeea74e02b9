/**
 * A check process's watch over the tools that decide its verdict. Before any learner code loads,
 * `takeBaseline()` records, for every function and accessor on the objects the verdict depends on
 * (the expect library and the kit's matchers, Sequelize with its dialects and query code, the SQLite
 * and PostgreSQL drivers, the process and its result channel, the language's own built-ins), which
 * function is there. `changed()` then lists what learner code replaced, added or removed. It runs
 * after every check and before the run's verdict is sent; a non-empty list makes the parent grade
 * the lesson as failed with "tampering suspected".
 *
 * It compares with functions taken before learner code could replace them (Reflect's, and plain
 * indexed loops), so patching Object, Reflect or Array does not blind it. It cannot see a patch that
 * is made and undone between two of its looks; the canary checks (canaries.ts) and the parent's
 * signature check (pool.ts) cover other ways, and docs/teachers.md says what remains possible.
 */
import { createRequire } from 'node:module';
import { EventEmitter } from 'node:events';
import * as sequelize from 'sequelize';
import { chai } from '@vitest/expect';
import * as kit from '../kit/index.ts';
import * as miniVitest from './mini-vitest.ts';

const ownKeys = Reflect.ownKeys;
const describeProp = Reflect.getOwnPropertyDescriptor;
const getProto = Reflect.getPrototypeOf;
const StringOf = String;
const apply = Reflect.apply;
const MapCtor = Map;
const mapGet = Map.prototype.get;
const mapSet = Map.prototype.set;

interface Entry {
  owner: object;
  label: string;
  key: PropertyKey;
  value: unknown;
  get: unknown;
  set: unknown;
}

/** Objects whose every function-valued or accessor property is watched, with their labels. */
function roots(): Array<[string, unknown]> {
  const require = createRequire(import.meta.url);
  const list: Array<[string, unknown]> = [];
  const add = (label: string, o: unknown) => {
    if ((typeof o === 'object' && o !== null) || typeof o === 'function') list[list.length] = [label, o];
  };
  const withProto = (label: string, o: unknown) => {
    add(label, o);
    if (typeof o === 'function') add(`${label}.prototype`, (o as { prototype?: unknown }).prototype);
  };
  add('globalThis', globalThis);
  for (const name of ['Object', 'Function', 'Array', 'Promise', 'JSON', 'Reflect', 'Error', 'TypeError', 'RangeError', 'Symbol', 'String', 'Number', 'Boolean', 'BigInt', 'Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'Date', 'Math', 'Buffer', 'Proxy', 'Uint8Array', 'ArrayBuffer']) {
    withProto(name, (globalThis as Record<string, unknown>)[name]);
  }
  add('Object.getPrototypeOf(Uint8Array.prototype)', getProto(Uint8Array.prototype));
  add('process', process);
  add('EventEmitter.prototype', EventEmitter.prototype);
  add('process.stdout', process.stdout);
  if (process.channel) add('the IPC channel', getProto(process.channel));
  add('chai', chai);
  withProto('chai.Assertion', chai.Assertion);
  add('chai.util', chai.util);
  add('chai.assert', chai.assert);
  add('expect', miniVitest.expect);
  for (const sym of ['matchers-object', '$$jest-matchers-object', 'asymmetric-matchers-object', 'expect-global']) {
    const o = (globalThis as Record<symbol, unknown>)[Symbol.for(sym)];
    add(`globalThis[Symbol.for('${sym}')]`, o);
    if (o && typeof o === 'object') add(`globalThis[Symbol.for('${sym}')].matchers`, (o as { matchers?: unknown }).matchers);
  }
  for (const [name, value] of Object.entries(miniVitest)) withProto(`vitest.${name}`, value);
  for (const [name, value] of Object.entries(kit)) withProto(`kit.${name}`, value);
  for (const [name, value] of Object.entries(sequelize)) withProto(`sequelize.${name}`, value);
  const internal = [
    'abstract/query', 'abstract/query-interface', 'abstract/connection-manager', 'abstract/query-generator',
    'sqlite/query', 'sqlite/query-interface', 'sqlite/connection-manager', 'sqlite/query-generator',
    'postgres/query', 'postgres/query-interface', 'postgres/connection-manager', 'postgres/query-generator',
  ];
  const sequelizeRequire = createRequire(require.resolve('sequelize'));
  for (const m of internal) {
    try {
      const mod = sequelizeRequire(`./dialects/${m}.js`) as Record<string, unknown>;
      add(`sequelize/${m}`, mod);
      for (const [name, value] of Object.entries(mod)) withProto(`sequelize/${m}.${name}`, value);
    } catch {
      // a dialect this version does not have
    }
  }
  try {
    const sqlite3 = require('sqlite3') as Record<string, unknown>;
    add('sqlite3', sqlite3);
    for (const name of ['Database', 'Statement', 'Backup']) withProto(`sqlite3.${name}`, sqlite3[name]);
  } catch {
    // not installed: SQLite is not used
  }
  // pg only when it is in use (loading it costs time on SQLite).
  const pgPath = Object.keys(require.cache).find((p) => /[\\/]node_modules[\\/]pg[\\/]lib[\\/]index\.js$/.test(p));
  if (pgPath) {
    const pg = require(pgPath) as Record<string, unknown>;
    add('pg', pg);
    for (const name of ['Client', 'Query', 'Pool']) withProto(`pg.${name}`, pg[name]);
  }
  return list;
}

let baseline: Entry[] = [];
let rootList: Array<[string, unknown]> = [];

function snapshot(): Entry[] {
  const out: Entry[] = [];
  for (let r = 0; r < rootList.length; r++) {
    const [label, owner] = rootList[r];
    const keys = ownKeys(owner as object);
    for (let k = 0; k < keys.length; k++) {
      const d = describeProp(owner as object, keys[k]);
      if (!d) continue;
      const watched = typeof d.value === 'function' || (typeof d.value === 'object' && d.value !== null) || d.get || d.set;
      if (watched) out[out.length] = { owner: owner as object, label, key: keys[k], value: d.value, get: d.get, set: d.set };
    }
  }
  return out;
}

/** Records what is there now. Call once, before any learner code loads. */
export function takeBaseline(): void {
  rootList = roots();
  baseline = snapshot();
}

/** Keys whose value the engine or Sequelize itself changes in a fair run (objects, not functions). */
const VOLATILE: Record<PropertyKey, boolean> = { __proto__: null, _events: true, _eventsCount: true, env: true, exitCode: true, _cls: true, options: true, state: true, _exiting: true, domain: true, _maxListeners: true } as unknown as Record<PropertyKey, boolean>;

/** What differs from the baseline: "chai.Assertion.prototype.assert was replaced", in the baseline's order. */
export function changed(): string[] {
  const seen: string[] = [];
  const now = snapshot();
  const name = (e: Entry) => `${e.label}.${typeof e.key === 'symbol' ? `[${StringOf(e.key)}]` : StringOf(e.key)}`;
  // owner -> key -> entry, for both; built and read with functions taken before learner code ran.
  const byOwner = (entries: Entry[]) => {
    const index = new MapCtor<object, Map<PropertyKey, Entry>>();
    for (let i = 0; i < entries.length; i++) {
      let m = apply(mapGet, index, [entries[i].owner]) as Map<PropertyKey, Entry> | undefined;
      if (!m) apply(mapSet, index, [entries[i].owner, (m = new MapCtor())]);
      apply(mapSet, m, [entries[i].key, entries[i]]);
    }
    return (e: Entry) => {
      const m = apply(mapGet, index, [e.owner]) as Map<PropertyKey, Entry> | undefined;
      return m ? (apply(mapGet, m, [e.key]) as Entry | undefined) : undefined;
    };
  };
  const inNow = byOwner(now);
  const inBaseline = byOwner(baseline);
  for (let i = 0; i < baseline.length; i++) {
    const b = baseline[i];
    const n = inNow(b);
    if (!n) seen[seen.length] = `${name(b)} was removed`;
    else if (n.get !== b.get || n.set !== b.set || (n.value !== b.value && (typeof b.value === 'function' || VOLATILE[b.key] !== true))) seen[seen.length] = `${name(b)} was replaced`;
  }
  for (let i = 0; i < now.length; i++) {
    const n = now[i];
    if ((typeof n.value === 'function' || n.get || n.set) && !inBaseline(n)) seen[seen.length] = `${name(n)} was added`;
  }
  return seen;
}
