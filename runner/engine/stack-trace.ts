/**
 * Error stacks for a check process, source-mapped only where it matters. Sequelize's SQLite driver
 * reads `new Error().stack` on every query (in case the query fails), and Node's own source-mapped
 * formatting of those stacks costs about as much as a tenth of the query. Here only frames in files
 * that have a source map (the learner's and the lessons' TypeScript) are mapped, with each file's
 * map looked up once; frames in node_modules are printed as V8 would.
 */
import { findSourceMap, type SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | undefined>();

function mapFor(file: string): SourceMap | undefined {
  if (file.includes('/node_modules/') || file.startsWith('node:')) return undefined;
  if (!maps.has(file)) maps.set(file, findSourceMap(file));
  return maps.get(file);
}

function frame(site: NodeJS.CallSite): string {
  const text = String(site);
  const file = site.getFileName();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  const map = file && line !== null && column !== null ? mapFor(file) : undefined;
  if (!map || !file || line === null || column === null) return text;
  const entry = map.findEntry(line - 1, column - 1) as Partial<{ originalSource: string; originalLine: number; originalColumn: number }>;
  if (entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return text;
  const source = entry.originalSource.startsWith('file://') ? fileURLToPath(entry.originalSource) : entry.originalSource;
  const at = `${file}:${line}:${column}`;
  const i = text.lastIndexOf(at);
  return i < 0 ? text : `${text.slice(0, i)}${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}${text.slice(i + at.length)}`;
}

function header(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

export function installStackTraces(): void {
  Error.prepareStackTrace = (error, trace) => `${header(error)}${trace.map((site) => `\n    at ${frame(site)}`).join('')}`;
}
