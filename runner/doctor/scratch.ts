/**
 * Every `new Sequelize(...)` a checked project makes opens doctor's scratch database, never the
 * project's: SQLite in memory, or the scratch database this process has on the workbook's PostgreSQL.
 * What the project asked for is kept where it shapes the models (define: underscored, freezeTableName,
 * timestamps, paranoid; Sequelize-level hooks; sequelize-typescript's models), and its dialect is
 * noted; host, credentials, storage, pool and dialectOptions are dropped, so a config that points at a
 * server that does not exist, or reads variables that are not set, still loads.
 */
import type { Options, Sequelize } from 'sequelize';
import type { ServerConfig } from '../kit/db/server-config.ts';

const STATE = Symbol.for('workbook.doctor.scratch');

/** Options that shape models or the instance's behaviour, not where it connects. */
const KEPT = ['define', 'hooks', 'models', 'modelPaths', 'repositoryMode', 'validateOnly', 'omitNull', 'query', 'set'] as const;

export interface ScratchTarget {
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL: this process's scratch database. */
  server?: ServerConfig;
}

export interface Scratch {
  /** Every instance the project opened, in order. */
  instances: Sequelize[];
  /** The dialects the project asked for (from options.dialect or a URL's scheme). */
  asked: Set<string>;
  options(args: unknown[]): Options;
  opened(sequelize: Sequelize): void;
}

/** The project's options object: the last plain object among the constructor's arguments. */
function projectOptions(args: unknown[]): Record<string, unknown> {
  for (let i = args.length - 1; i >= 0; i--) {
    const a = args[i];
    if (a && typeof a === 'object' && !Array.isArray(a)) return a as Record<string, unknown>;
  }
  return {};
}

function askedDialect(args: unknown[], options: Record<string, unknown>): string | undefined {
  if (typeof options.dialect === 'string') return options.dialect.toLowerCase();
  const url = args.find((a): a is string => typeof a === 'string' && a.includes('://')) ?? (typeof options.url === 'string' ? options.url : undefined);
  const scheme = url?.match(/^(\w+):/)?.[1]?.toLowerCase();
  return scheme === 'postgresql' ? 'postgres' : scheme;
}

export function scratchOptions(target: ScratchTarget, project: Record<string, unknown>): Options {
  const kept: Record<string, unknown> = {};
  for (const key of KEPT) if (project[key] !== undefined) kept[key] = project[key];
  const base = { ...kept, logging: false } as Options;
  if (target.dialect === 'sqlite') return { ...base, dialect: 'sqlite', storage: ':memory:' };
  const s = target.server!;
  return { ...base, dialect: 'postgres', host: s.host, port: s.port, username: s.user, password: s.password, database: s.database, pool: { max: 5, min: 0, idle: 1000 } };
}

export function installScratch(target: ScratchTarget): Scratch {
  const scratch: Scratch = {
    instances: [],
    asked: new Set(),
    options(args) {
      const project = projectOptions(args);
      const dialect = askedDialect(args, project);
      if (dialect) scratch.asked.add(dialect);
      return scratchOptions(target, project);
    },
    opened(sequelize) {
      scratch.instances.push(sequelize);
    },
  };
  (globalThis as Record<symbol, unknown>)[STATE] = scratch;
  return scratch;
}
