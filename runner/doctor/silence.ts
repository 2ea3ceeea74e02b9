/**
 * Silencing, as active_record_doctor does it: `.workbook-doctor.json` in the project's root lists the
 * findings to leave out, by id, or by id and association (or model, or column):
 *   { "ignore": ["unindexed-foreign-key", { "id": "has-one-not-unique", "association": "User.hasOne(Profile)" }] }
 * The report still says how many were silenced.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors/usage-error.ts';
import type { Finding } from './result.ts';

export const SILENCE_FILE = '.workbook-doctor.json';

export interface Silence {
  id: string;
  association?: string;
  model?: string;
  column?: string;
}

export function readSilences(root: string): Silence[] {
  const file = join(root, SILENCE_FILE);
  if (!existsSync(file)) return [];
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  const list = (raw as { ignore?: unknown }).ignore;
  if (!Array.isArray(list)) throw new UsageError(`${file} needs an "ignore" list, e.g. { "ignore": ["unindexed-foreign-key"] }.`);
  return list.map((entry): Silence => {
    if (typeof entry === 'string') return { id: entry };
    if (entry && typeof entry === 'object' && typeof (entry as Silence).id === 'string') return entry as Silence;
    throw new UsageError(`${file}: each entry of "ignore" is an id ("alias-replaced") or { "id": ..., "association": "User.hasMany(Note)" }; found ${JSON.stringify(entry)}.`);
  });
}

/** User.hasMany(Note, { as: 'notes' }) → User.hasMany(Note): either form names the association. */
const bare = (label: string) => label.replace(/\s+/g, '').replace(/,\{.*\}\)$/, ')');

function matches(s: Silence, f: Finding): boolean {
  if (s.id !== f.id && s.id !== '*') return false;
  if (s.association && !f.declarations.some((d) => d.label === s.association || bare(d.label) === bare(s.association!))) return false;
  if (s.model && !f.models.includes(s.model)) return false;
  if (s.column && !f.columns.includes(s.column)) return false;
  return true;
}

export function applySilences(findings: Finding[], silences: Silence[]): { shown: Finding[]; silenced: Finding[] } {
  const shown: Finding[] = [];
  const silenced: Finding[] = [];
  for (const f of findings) (silences.some((s) => matches(s, f)) ? silenced : shown).push(f);
  return { shown, silenced };
}
