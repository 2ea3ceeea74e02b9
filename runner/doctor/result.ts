/** What doctor's parent sends its child process (the job) and what comes back (the result): plain JSON. */
import type { ProjectLayout } from './locate.ts';

export type Severity = 'error' | 'warning' | 'note';

export interface Finding {
  /** Stable id, listed in docs/doctor.md; silenced by it in .workbook-doctor.json. */
  id: string;
  severity: Severity;
  /** The models involved, by name. */
  models: string[];
  /** The columns involved, as Table.column. */
  columns: string[];
  /** The declarations that cause it, as written (User.hasMany(Post)), with file:line when known. */
  declarations: { label: string; at?: string }[];
  /** What happens because of it, in one or two sentences. */
  message: string;
  /** The fix, as code. */
  fix: string;
  /** The lesson that teaches it: `npm run workbook -- read <lesson>`. */
  lesson: string;
}

/** Something that could not be loaded or run: one line each, never a stack trace. */
export interface Problem {
  kind: 'load' | 'associate' | 'package' | 'sync' | 'migration' | 'v4' | 'probe';
  /** The file, relative to the project's root, when there is one. */
  file?: string;
  message: string;
}

export interface TableSchema {
  name: string;
  columns: { name: string; type: string; notNull: boolean; pk: number }[];
  foreignKeys: { from: string; table: string; to: string; onDelete: string; onUpdate: string }[];
  /** Unique column sets, the primary key first. */
  uniqueSets: string[][];
  indexes: { name: string; columns: string[]; unique: boolean }[];
}

export interface DoctorJob {
  layout: ProjectLayout;
  database: 'sqlite' | 'postgres';
  /** False when doctor chose the database (no --db): the child asks to be restarted on the project's. */
  forced: boolean;
  /** Lines a first attempt left for the report (why doctor moved to PostgreSQL). */
  notes?: string[];
}

export interface DoctorResult {
  root: string;
  database: 'sqlite' | 'postgres';
  /** The dialect the project's own configuration names, when it names one. */
  projectDialect?: string;
  /** How the models were loaded: the project's index, or each file. */
  loadedFrom: string;
  models: string[];
  associations: number;
  /** One line each: database differences, the project's Sequelize version. */
  notes: string[];
  problems: Problem[];
  findings: Finding[];
  schema: TableSchema[];
  migrations?: { files: number; ran: number };
  /** False when no instance's tables could be created: nothing was checked. */
  checked: boolean;
}

export type ChildMessage = { type: 'result'; result: DoctorResult } | { type: 'restart'; why: string } | { type: 'fatal'; message: string };
