/**
 * Type-level checks without vitest's expectTypeOf: runs the TypeScript compiler on the learner's file
 * plus small in-memory "probe" files that use it, and reports what failed in plain words.
 * One program per (file, probes, file content): every probe of a lesson costs one compile (~2 s).
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as TS from 'typescript';
import { editablePath } from '../editable.ts';

// Loaded on first use: the compiler takes over a second to load, and only the typed-models lesson
// needs it; every other lesson's check process starts without it.
let loaded: typeof TS | undefined;
const typescript = (): typeof TS => (loaded ??= createRequire(import.meta.url)('typescript') as typeof TS);

export interface TypeProbe {
  /** Short name the check refers to. */
  name: string;
  /**
   * Code that must compile. `__FILE__` is replaced by the import path of the learner's file; a line
   * marked `// @ts-expect-error` must NOT compile. Example:
   *   import { User } from '__FILE__'; await User.create({ name: 'Ada' });
   */
  code: string;
  /** What it means when the probe fails, and what to change. */
  explain: string;
}

export interface TypeReport {
  /** Errors in the learner's file itself, in plain words. */
  fileErrors: string[];
  /** Probe name → its errors in plain words (empty when it compiles as intended). */
  probes: Record<string, string[]>;
}

const compilerOptions = (ts: typeof TS): TS.CompilerOptions => ({
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  esModuleInterop: true,
  types: [],
  // The language's own library only, as the project's tsconfig: the default adds the DOM's types,
  // which models never use and which cost most of the compile.
  lib: ['lib.es2023.d.ts'],
});

const cache = new Map<string, TypeReport>();

/** Compiles `file` (an absolute path) with the probes. */
export function typeCheck(file: string, probes: TypeProbe[] = []): TypeReport {
  const key = `${file}\n${statSync(file).mtimeMs}\n${readFileSync(file, 'utf8').length}\n${probes.map((p) => p.name + p.code).join('\n')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const ts = typescript();
  const options = compilerOptions(ts);
  const dir = dirname(file);
  const virtual = new Map(probes.map((p, i) => [join(dir, `__probe_${i}.ts`), p.code.split('__FILE__').join(`./${basename(file)}`)]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, create) => {
    const code = virtual.get(name);
    return code !== undefined ? ts.createSourceFile(name, code, lang) : getSourceFile(name, lang, onError, create);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => virtual.get(name) ?? readFile(name);
  // A copy of the lesson outside the project (WORKBOOK_FROM=/tmp/x) has no node_modules next to it:
  // resolve what its own folder cannot from the project's.
  const fallback = fileURLToPath(import.meta.url);
  host.resolveModuleNames = (names, containingFile) =>
    names.map((n) => ts.resolveModuleName(n, containingFile, options, host).resolvedModule ?? ts.resolveModuleName(n, fallback, options, host).resolvedModule);
  const program = ts.createProgram([file, ...virtual.keys()], options, host);
  const diags = ts.getPreEmitDiagnostics(program);
  const of = (name: string) => diags.filter((d) => d.file?.fileName === name).map(plain);
  const report: TypeReport = { fileErrors: of(file), probes: {} };
  [...virtual.keys()].forEach((name, i) => (report.probes[probes[i].name] = of(name)));
  cache.set(key, report);
  return report;
}

/** The learner's editable `file` for a check file, compiled with the probes. */
export function typeCheckLesson(checkFileUrl: string, file: string, probes: TypeProbe[] = []): TypeReport {
  return typeCheck(editablePath(checkFileUrl, file), probes);
}

/** null when the learner's file compiles; otherwise its errors in plain words. */
export function fileTypeProblem(report: TypeReport, file = 'Your file'): string | null {
  if (!report.fileErrors.length) return null;
  const shown = report.fileErrors.slice(0, 4).map((e) => `  - ${e}`).join('\n');
  return `${file} does not type-check (strict TypeScript), ${report.fileErrors.length} error${report.fileErrors.length > 1 ? 's' : ''}:\n${shown}${report.fileErrors.length > 4 ? `\n  ... and ${report.fileErrors.length - 4} more` : ''}`;
}

/** null when the probe compiled as intended; otherwise its explanation and what TypeScript said. */
export function probeProblem(report: TypeReport, probe: TypeProbe): string | null {
  const errors = report.probes[probe.name];
  if (errors === undefined) return `No type probe '${probe.name}' was compiled (a bug in the checks).`;
  if (!errors.length) return null;
  return `${probe.explain}\n  TypeScript says: ${errors[0]}`;
}

function plain(d: TS.Diagnostic): string {
  const chain = typescript().flattenDiagnosticMessageText(d.messageText, '\n').split('\n').map((l) => l.trim());
  const text = missingAttribute(chain) ?? `${shortenTypes(chain[0])}${missingProperty(chain)}`;
  let where = '';
  let line = '';
  if (d.file && d.start !== undefined) {
    const pos = d.file.getLineAndCharacterOfPosition(d.start);
    where = basename(d.file.fileName).startsWith('__probe_') ? '' : `line ${pos.line + 1}: `;
    const lines = d.file.text.split('\n');
    line = lines[pos.line]?.trim() ?? '';
    // An error at a lone `{` (an object argument) reads better with the call it opens.
    if (line.length <= 2 && pos.line > 0) line = `${lines[pos.line - 1].trim()} ${line}`;
  }
  const said = translate(d.code, text);
  return `${where}${said}${line ? `  (in: ${line.length > 90 ? `${line.slice(0, 87)}...` : line})` : ''}`;
}

/** Columns Sequelize adds by itself, which init's types still want listed (it cannot know). */
const AUTOMATIC = ['id', 'createdAt', 'updatedAt', 'deletedAt'];

/**
 * init() without an attribute the class declares: the usual cause is a foreign key declared as a plain
 * column (`declare authorId: number`) where the association adds it (`ForeignKey<User['id']>`), or a
 * column Sequelize adds by itself (id, the timestamps) left out of init.
 */
function missingAttribute(chain: string[]): string | undefined {
  for (const l of chain) {
    const m = l.match(/^Property '(\w+)' is missing in type .* but required in type 'ModelAttributes<(\w+)/);
    if (m) {
      const [, attr, model] = m;
      if (AUTOMATIC.includes(attr)) {
        const example = attr === 'id' ? 'id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true }' : `${attr}: DataTypes.DATE`;
        return `${model}.init(...) does not list ${attr}, which the ${model} class declares. Sequelize adds ${attr} by itself at runtime, but init's types only know the attributes you list: add ${example} to the attributes (keep declare ${attr}: CreationOptional<...> on the class)`;
      }
      return `${model}.init(...) does not list ${attr}, which the ${model} class declares as a column. If an association adds ${attr} (a foreign key), declare it as ForeignKey<...>: \`declare ${attr}: ForeignKey<Other['id']>\`, and InferAttributes leaves it out of init; if it holds included rows (not a column), declare it NonAttribute<...>; otherwise add ${attr} to the attributes`;
    }
  }
  return undefined;
}

/** "X is not assignable to Y" hides its reason deeper in the chain; a missing property is the useful part. */
function missingProperty(chain: string[]): string {
  const name = chain.slice(1).map((l) => l.match(/^Property '(\w+)' is missing in type/)?.[1]).find(Boolean);
  return name ? ` (missing: ${name})` : '';
}

/** TypeScript spells object types out in full; a learner needs the shape of the sentence, not the literal. */
function shortenTypes(text: string): string {
  return text.replace(/'\{[^']{60,}\}'/g, "'{ ... }'");
}

function translate(code: number, text: string): string {
  switch (code) {
    case 2578:
      return 'this line should be a type error, but it compiles (the types are looser than they should be)';
    case 2564:
      return `${text} Model attributes are declared with \`declare\` (declare name: string), not as class fields`;
    case 2307:
      return `${text} Check the import path`;
    default:
      return text;
  }
}
