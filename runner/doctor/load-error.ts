/**
 * A project's file that does not load, in one line: a package the project has not installed (say to run
 * npm install there), a syntax error with its place, or the error's own first line. Never a stack trace.
 */
import { relative } from 'node:path';
import { projectFrame } from './project-frame.ts';

export function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n').find((l) => l.trim())?.trim() ?? text;
}

/** The package a bare import names: `@scope/name` or `name`. */
const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);

export function missingPackage(e: unknown): string | undefined {
  const text = e instanceof Error ? e.message : String(e);
  const m = text.match(/Cannot find (?:package|module) '([^']+)'/);
  if (!m || /^[./]|^[A-Za-z]:\\|^file:/.test(m[1]) || m[1].startsWith('node:')) return undefined;
  return packageOf(m[1]);
}

export function explainLoad(e: unknown, root: string, file?: string): { message: string; kind: 'package' | 'load' } {
  const pkg = missingPackage(e);
  // tsx's (esbuild's) syntax errors: the line after "Transform failed" names the place and the error.
  const transform = (e instanceof Error ? e.message : '').match(/^(\/[^\n:]+):(\d+):(\d+): ERROR: (.*)$/m);
  if (transform) return { kind: 'load', message: `SyntaxError: ${transform[4]} (at ${relative(root, transform[1])}:${transform[2]})` };
  if (pkg) return { kind: 'package', message: `it imports ${pkg}, which is not installed in this project: run npm install in ${root}.` };
  if (/\.import is not a function/.test(e instanceof Error ? e.message : '')) {
    return { kind: 'load', message: `sequelize.import() is gone in Sequelize 6: require each model file and call it, require('./user')(sequelize, Sequelize.DataTypes), as sequelize-cli's current models/index.js does.` };
  }
  const where = projectFrame(e instanceof Error ? e.stack : undefined, root);
  const at = where && file && !where.startsWith(relative(root, file)) ? ` (at ${where})` : where && !file ? ` (at ${where})` : '';
  const name = e instanceof Error && e.name !== 'Error' ? `${e.name}: ` : '';
  return { kind: 'load', message: `${name}${firstLine(e)}${at}` };
}
