/** The dialect the checks run on (WORKBOOK_DB, see ../db/choice.ts); lessons never ask which it is. */
import { databaseChoice } from '../db/choice.ts';
import { postgres } from './postgres.ts';
import { sqlite } from './sqlite.ts';
import type { Dialect } from './types.ts';

export type { Column, Dialect, ForeignKey, Index, SchemaReader } from './types.ts';

export function currentDialect(): Dialect {
  return databaseChoice().dialect === 'postgres' ? postgres : sqlite;
}
