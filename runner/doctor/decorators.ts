/**
 * sequelize-typescript's decorators (@Table, @Column, @HasMany, @ForeignKey) read the types TypeScript
 * records with emitDecoratorMetadata, which tsx (esbuild) does not emit. A project that imports
 * sequelize-typescript is therefore compiled first with TypeScript's own compiler (its tsconfig's
 * options, plus decorators and their metadata, as CommonJS) into a mirror of the project in a
 * temporary folder, whose node_modules is the project's own; the models are loaded from there.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import type { ProjectLayout } from './locate.ts';

type TypeScript = typeof import('typescript');

const SKIP = new Set(['node_modules', 'dist', 'build', 'coverage', 'out']);
const MAX_FILES = 5000;

export function usesDecorators(layout: ProjectLayout): boolean {
  const files = [layout.index, ...layout.modelFiles].filter((f): f is string => Boolean(f));
  return files.some((f) => /\.(c|m)?ts$/.test(f) && /['"]sequelize-typescript['"]/.test(readFileSync(f, 'utf8')));
}

function loadTypeScript(): TypeScript | undefined {
  try {
    return createRequire(import.meta.url)('typescript') as TypeScript;
  } catch {
    return undefined;
  }
}

function compilerOptions(ts: TypeScript, root: string): import('typescript').CompilerOptions {
  const file = ts.findConfigFile(root, ts.sys.fileExists);
  const parsed = file ? ts.parseJsonConfigFileContent(ts.readConfigFile(file, ts.sys.readFile).config, ts.sys, dirname(file)).options : {};
  return {
    ...parsed,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: ts.ScriptTarget.ES2022,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: true,
    inlineSourceMap: true,
    sourceMap: false,
    declaration: false,
    noEmit: false,
    // Imports written with .ts extensions are rewritten to the .js this emits.
    rewriteRelativeImportExtensions: true,
    allowImportingTsExtensions: false,
  };
}

/** The layout of the compiled mirror, or a reason it could not be made. */
export function compileForDecorators(layout: ProjectLayout): { layout: ProjectLayout } | { problem: string } {
  const installed = createRequire(join(layout.root, 'package.json'));
  try {
    installed.resolve('sequelize-typescript');
  } catch {
    return { problem: `The models use sequelize-typescript, which is not installed in this project: run npm install in ${layout.root}.` };
  }
  const ts = loadTypeScript();
  if (!ts) return { problem: "The models use sequelize-typescript, whose decorators need TypeScript's compiler, and the workbook has no typescript package: run npm install in the workbook." };
  const options = compilerOptions(ts, layout.root);
  // Inside the project's parent would be closer to it, but a temporary folder never touches the project.
  const mirror = mkdtempSync(join(tmpdir(), 'workbook-doctor-ts-'));
  let count = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP.has(name) || name.startsWith('.')) continue;
      const from = join(dir, name);
      const to = join(mirror, relative(layout.root, from));
      const stat = statSync(from);
      if (stat.isDirectory()) {
        walk(from);
        continue;
      }
      if (++count > MAX_FILES || stat.size > 1_000_000) continue;
      mkdirSync(dirname(to), { recursive: true });
      if (/\.(c|m)?ts$/.test(name) && !/\.d\.(c|m)?ts$/.test(name)) {
        // The file's own name: the inline source map then points stack traces at the .ts beside the .js.
        const out = ts.transpileModule(readFileSync(from, 'utf8'), { compilerOptions: options, fileName: name });
        writeFileSync(to.replace(/\.(c|m)?ts$/, '.js'), out.outputText);
      } else if (name === 'package.json') {
        const pkg = JSON.parse(readFileSync(from, 'utf8')) as Record<string, unknown>;
        delete pkg.type; // what was compiled is CommonJS
        writeFileSync(to, JSON.stringify(pkg));
      } else if (/\.(json|js|cjs)$/.test(name)) cpSync(from, to);
    }
  };
  walk(layout.root);
  if (!existsSync(join(mirror, 'package.json'))) writeFileSync(join(mirror, 'package.json'), '{}');
  if (existsSync(join(layout.root, 'node_modules'))) symlinkSync(join(layout.root, 'node_modules'), join(mirror, 'node_modules'), 'dir');
  const move = (p: string) => join(mirror, relative(layout.root, p)).replace(/\.(c|m)?ts$/, '.js');
  return {
    layout: {
      ...layout,
      root: mirror,
      index: layout.index && move(layout.index),
      modelFiles: layout.modelFiles.map(move),
      modelsDir: layout.modelsDir && join(mirror, relative(layout.root, layout.modelsDir)),
      migrationsDir: layout.migrationsDir && join(mirror, relative(layout.root, layout.migrationsDir)),
      migrationFiles: layout.migrationFiles.map(move),
      config: layout.config && move(layout.config),
    },
  };
}
