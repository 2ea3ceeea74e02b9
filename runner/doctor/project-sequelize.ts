/**
 * Which Sequelize a project is written for: the one installed in its node_modules, else the one its
 * package.json asks for (dependencies, then devDependencies). Read as data, never run; a file that
 * is not valid JSON says nothing (doctor checks the project all the same).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ProjectSequelize {
  /** As written: 5.22.3 installed, or a range's first version (^5.21.0 → 5.21.0). */
  version: string;
  /** Where it was read, relative to the project's root. */
  from: string;
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function projectSequelize(root: string): ProjectSequelize | undefined {
  const installed = readJson(join(root, 'node_modules', 'sequelize', 'package.json'))?.version;
  if (typeof installed === 'string') return { version: installed, from: 'node_modules/sequelize' };
  const pkg = readJson(join(root, 'package.json'));
  for (const field of ['dependencies', 'devDependencies']) {
    const wanted = (pkg?.[field] as Record<string, unknown> | undefined)?.sequelize;
    const version = typeof wanted === 'string' ? /\d+(\.[\dx*]+)*/.exec(wanted)?.[0] : undefined;
    if (version) return { version, from: `package.json's ${field}` };
  }
  return undefined;
}

/** One line for the report when the project is not on Sequelize 6 (undefined when it is, or says nothing). */
export function versionNote(s: ProjectSequelize | undefined): string | undefined {
  if (!s) return undefined;
  const major = s.version.split('.')[0];
  if (major === '6') return undefined;
  const checked = `The project has Sequelize ${s.version} (${s.from}); doctor checks it with the workbook's Sequelize 6, so the schema and the findings are what Sequelize 6 makes of its models`;
  // What the v6 upgrade guide removed, which v5 code meets first: it fails to load or run, and is named under "Not checked".
  if (major === '5') return `${checked}. Sequelize 6 removed sequelize.import, Bluebird's promise methods (.spread(), .error(), Sequelize.Promise) and CLS without cls-hooked: code that uses them is named under "Not checked".`;
  return `${checked}: what differs in ${major}.x is not seen.`;
}
