/**
 * Where a project keeps its models and migrations, found the way sequelize-cli finds them: `.sequelizerc`'s
 * models-path, migrations-path and config, then the usual folders. `<path>` may be the project's root,
 * its models folder, or one module that defines the models; --models and --migrations override.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors/usage-error.ts';

export interface ProjectLayout {
  root: string;
  /** The project's own registry (sequelize-cli's models/index.js), loaded instead of each file when present. */
  index?: string;
  /** Model files, each loaded on its own when there is no index (or it did not load). */
  modelFiles: string[];
  modelsDir?: string;
  migrationsDir?: string;
  migrationFiles: string[];
  /** sequelize-cli's config (config/config.json or .sequelizerc's `config`): its dialect and define options. */
  config?: string;
  /** The dialect a JSON config's development section names: the database doctor starts on without --db. */
  configDialect?: string;
}

const CODE = /\.(c|m)?(j|t)s$/;
const isModule = (f: string) => CODE.test(f) && !/\.d\.(c|m)?ts$/.test(f) && !/\.(test|spec)\.\w+$/.test(f);
const isIndex = (f: string) => /^index\.(c|m)?(j|t)s$/.test(basename(f));

const MODELS = ['models', 'src/models', 'db/models', 'app/models', 'src/db/models', 'server/models'];
const MIGRATIONS = ['migrations', 'src/migrations', 'db/migrations', 'src/db/migrations', 'server/migrations'];
const CONFIGS = ['config/config.json', 'config/config.js', 'config/config.cjs', 'config/database.json', 'config/database.js'];

const isDir = (p: string) => existsSync(p) && statSync(p).isDirectory();
const modulesIn = (dir: string) =>
  readdirSync(dir)
    .filter(isModule)
    .sort()
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());

/** `.sequelizerc`'s paths, read as text (it is the project's code: doctor runs none of it in its own process). */
export function sequelizerc(root: string): Partial<Record<'models-path' | 'migrations-path' | 'config', string>> {
  const file = join(root, '.sequelizerc');
  if (!existsSync(file)) return {};
  const text = readFileSync(file, 'utf8');
  const out: Partial<Record<'models-path' | 'migrations-path' | 'config', string>> = {};
  for (const key of ['models-path', 'migrations-path', 'config'] as const) {
    // To the end of the value: a call's closing parenthesis, or the line's end.
    const m = text.match(new RegExp(`['"]?${key}['"]?\\s*:\\s*((?:path\\.\\w+\\([^)]*\\))|[^,}\\n]+)`));
    if (!m) continue;
    // path.resolve('src', 'models'), path.join(__dirname, 'db/models'), or a plain string.
    const parts = [...m[1].matchAll(/['"`]([^'"`]+)['"`]/g)].map((p) => p[1]);
    if (parts.length) out[key] = resolve(root, ...parts);
  }
  return out;
}

function projectRootOf(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) || existsSync(join(dir, '.sequelizerc'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

export function locate(path: string, opts: { models?: string; migrations?: string } = {}): ProjectLayout {
  const target = resolve(path);
  if (!existsSync(target)) throw new UsageError(`${path} does not exist.`);
  const file = statSync(target).isFile();
  if (file && !CODE.test(target)) throw new UsageError(`${path} is not a JavaScript or TypeScript module.`);
  const looksLikeRoot = !file && (existsSync(join(target, 'package.json')) || existsSync(join(target, '.sequelizerc')) || MODELS.some((m) => isDir(join(target, m))));
  const root = file ? projectRootOf(dirname(target)) : looksLikeRoot ? target : projectRootOf(target);
  const rc = sequelizerc(root);
  const layout: ProjectLayout = { root, modelFiles: [], migrationFiles: [] };

  let modelsDir: string | undefined;
  if (opts.models) modelsDir = resolve(opts.models);
  else if (file) layout.modelFiles = [target];
  else if (!looksLikeRoot) modelsDir = target;
  else modelsDir = [rc['models-path'], ...MODELS.map((m) => join(root, m))].find((d): d is string => Boolean(d && isDir(d)));
  if (modelsDir) {
    if (!isDir(modelsDir)) throw new UsageError(`${opts.models ?? modelsDir} is not a folder.`);
    const files = modulesIn(modelsDir);
    layout.modelsDir = modelsDir;
    layout.index = files.find(isIndex);
    layout.modelFiles = files.filter((f) => !isIndex(f));
  }
  if (!layout.index && !layout.modelFiles.length) {
    throw new UsageError(
      modelsDir
        ? `No model files in ${modelsDir} (.js, .cjs, .mjs, .ts): give the folder with --models <dir>.`
        : `No models folder in ${root} (looked for .sequelizerc's models-path and ${MODELS.join(', ')}): give it with --models <dir>, or the file that defines the models.`,
    );
  }

  const migrationsDir = opts.migrations ? resolve(opts.migrations) : [rc['migrations-path'], ...MIGRATIONS.map((m) => join(root, m))].find((d): d is string => Boolean(d && isDir(d)));
  if (opts.migrations && !isDir(migrationsDir!)) throw new UsageError(`${opts.migrations} is not a folder.`);
  if (migrationsDir) {
    layout.migrationsDir = migrationsDir;
    layout.migrationFiles = modulesIn(migrationsDir);
  }
  layout.config = [rc.config, ...CONFIGS.map((c) => join(root, c))].find((c): c is string => Boolean(c && existsSync(c)));
  if (layout.config?.endsWith('.json')) layout.configDialect = jsonDialect(layout.config);
  return layout;
}

/** The development section's dialect of a JSON config, read as data (a config that is code is only run in the child). */
function jsonDialect(file: string): string | undefined {
  try {
    const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { dialect?: unknown } | undefined>;
    const dialect = all.development?.dialect;
    return typeof dialect === 'string' ? dialect.toLowerCase() : undefined;
  } catch {
    return undefined; // the child says what is wrong with it
  }
}
