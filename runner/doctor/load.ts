/**
 * Loads a project's models the way the project does: its own registry (sequelize-cli's models/index.js,
 * which reads the folder and calls every associate) when it has one, otherwise each file: a factory
 * `(sequelize, DataTypes) => Model`, a class with static init/associate, or a module that defines models
 * on an instance it imports. Then every associate() not yet called. Whatever fails is one Problem line,
 * and the rest still loads.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataTypes, Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { ProjectLayout } from './locate.ts';
import type { Problem } from './result.ts';
import type { Scratch } from './scratch.ts';
import { explainLoad, firstLine } from './load-error.ts';

type Associable = ModelStatic<Model> & { associate?: (models: Record<string, ModelStatic<Model>>) => unknown };
type ScratchSequelizeClass = new (options: object) => Sequelize;

const ScratchSequelize = createRequire(import.meta.url)('./sequelize-shim.cjs') as ScratchSequelizeClass;

/** A sequelize-typescript model: @Table recorded its options on the prototype (reflect-metadata). */
function isDecorated(cls: ModelStatic<Model>): boolean {
  const reflect = Reflect as unknown as { getMetadata?: (key: string, target: object) => unknown };
  return typeof reflect.getMetadata === 'function' && reflect.getMetadata('sequelize:options', cls.prototype) !== undefined;
}

export interface Loaded {
  loadedFrom: string;
  instances: Sequelize[];
}

export class ModelLoader {
  /** sequelize-typescript classes (@Table) that no instance of the project's took in: added to one at the end. */
  private readonly decorated: ModelStatic<Model>[] = [];
  /** Models whose associate has run (through the project's registry, or called here). */
  private readonly associated = new Set<ModelStatic<Model>>();
  private own?: Sequelize;

  constructor(
    private readonly layout: ProjectLayout,
    private readonly scratch: Scratch,
    private readonly problems: Problem[],
  ) {
    // Every instance the project opens reports each model it defines, so its associate can be guarded.
    const opened = scratch.opened.bind(scratch);
    scratch.opened = (sequelize) => {
      opened(sequelize);
      sequelize.addHook('afterDefine', (model) => this.guardAssociate(model as Associable));
    };
  }

  private rel(file: string): string {
    return relative(this.layout.root, file);
  }

  /**
   * An associate that throws must not stop the project's registry from calling the others: each is
   * wrapped (now, or when assigned later: `User.associate = ...` comes after define) to report and go on.
   */
  private guardAssociate(model: Associable): void {
    const wrap = (fn: unknown) => {
      if (typeof fn !== 'function') return fn;
      const report = (e: unknown) => this.problems.push({ kind: 'associate', message: `${model.name}.associate threw: ${firstLine(e)}${at(e)}` });
      const at = (e: unknown) => {
        const where = explainLoad(e, this.layout.root).message.match(/ \(at [^)]+\)$/)?.[0];
        return where ?? '';
      };
      return function (this: unknown, ...args: unknown[]) {
        loader.associated.add(model);
        try {
          const out = (fn as (...a: unknown[]) => unknown).apply(this, args);
          if (out instanceof Promise) return out.catch(report);
          return out;
        } catch (e) {
          report(e);
          return undefined;
        }
      };
    };
    const loader = this;
    let current = wrap(model.associate);
    Object.defineProperty(model, 'associate', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (fn: unknown) => {
        current = wrap(fn);
      },
    });
  }

  /** An instance of doctor's own for factories, when the project made none: the config's dialect and define options. */
  private async ownInstance(): Promise<Sequelize> {
    if (this.scratch.instances.length) return this.scratch.instances[0];
    this.own ??= new ScratchSequelize(await this.configOptions());
    return this.own;
  }

  private async configOptions(): Promise<object> {
    const file = this.layout.config;
    if (!file) return {};
    try {
      const raw = file.endsWith('.json') ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
      const all = (raw ?? {}) as Record<string, Record<string, unknown> | undefined>;
      const env = process.env.NODE_ENV ?? 'development';
      return all[env] ?? all.development ?? (typeof all.dialect === 'string' ? all : {});
    } catch (e) {
      this.problems.push({ kind: 'load', file: this.rel(file), message: `the config did not load (${firstLine(e)}); the models were checked with Sequelize's defaults.` });
      return {};
    }
  }

  private async importFile(file: string): Promise<Record<string, unknown> | undefined> {
    try {
      return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (e) {
      const { kind, message } = explainLoad(e, this.layout.root, file);
      this.problems.push({ kind, file: this.rel(file), message });
      return undefined;
    }
  }

  private modelCount(): number {
    return this.scratch.instances.reduce((n, s) => n + Object.keys(s.models).length, 0);
  }

  async load(): Promise<Loaded> {
    let loadedFrom = `each file in ${this.rel(this.layout.modelsDir ?? this.layout.root) || '.'}`;
    if (this.layout.index) {
      await this.importFile(this.layout.index);
      if (this.modelCount() > 0) loadedFrom = this.rel(this.layout.index);
      else if (this.layout.modelFiles.length) {
        this.problems.push({ kind: 'load', file: this.rel(this.layout.index), message: 'defined no models: each model file was loaded on its own instead.' });
      }
    }
    if (this.modelCount() === 0) for (const file of this.layout.modelFiles) await this.loadFile(file);
    await this.addDecorated();
    await this.associateAll();
    this.findV4();
    return { loadedFrom, instances: this.scratch.instances.filter((s) => Object.keys(s.models).length > 0) };
  }

  private async loadFile(file: string): Promise<void> {
    const mod = await this.importFile(file);
    if (!mod) return;
    const seen = new Set<unknown>();
    for (const value of [mod.default, ...Object.entries(mod).filter(([k]) => k !== 'default').map(([, v]) => v)]) {
      if (seen.has(value)) continue;
      seen.add(value);
      try {
        await this.useExport(value);
      } catch (e) {
        const { kind, message } = explainLoad(e, this.layout.root, file);
        this.problems.push({ kind, file: this.rel(file), message });
      }
    }
  }

  /** One export of a model file: a model class to initialise, or a factory to call. Anything else is left alone. */
  private async useExport(value: unknown): Promise<void> {
    if (typeof value !== 'function') return;
    const fn = value as ((...args: unknown[]) => unknown) & { prototype?: unknown };
    if (fn.prototype instanceof Model) {
      const cls = fn as unknown as ModelStatic<Model> & { init: (...args: unknown[]) => unknown };
      const initialised = (() => {
        try {
          return Boolean(cls.sequelize);
        } catch {
          return false;
        }
      })();
      if (isDecorated(cls) && !initialised) {
        if (!this.decorated.includes(cls)) this.decorated.push(cls);
        return;
      }
      // A class whose own static init takes the instance (`static init(sequelize) { return super.init({...}, { sequelize }) }`).
      if (!initialised && cls.init !== Model.init && cls.init.length <= 2) await cls.init(await this.ownInstance(), DataTypes);
      return;
    }
    if (/^class\b/.test(Function.prototype.toString.call(fn))) return;
    // A factory: (sequelize, DataTypes) => Model, or a registry-like defineModels(sequelize).
    if (fn.length < 1 || fn.length > 2) return;
    await fn(await this.ownInstance(), DataTypes);
  }

  /**
   * @Table classes the project gives its Sequelize elsewhere (NestJS's SequelizeModule, a models list in
   * a file doctor does not load): added to a sequelize-typescript Sequelize of doctor's, on the scratch database.
   */
  private async addDecorated(): Promise<void> {
    const waiting = this.decorated.filter((cls) => !this.scratch.instances.some((s) => Object.values(s.models).includes(cls)));
    if (!waiting.length) return;
    const typescriptSequelize = createRequire(join(this.layout.root, 'package.json'))('sequelize-typescript') as { Sequelize: new (options: object) => Sequelize & { addModels(models: unknown[]): void } };
    try {
      new typescriptSequelize.Sequelize(await this.configOptions()).addModels(waiting);
    } catch (e) {
      this.problems.push({ kind: 'load', message: `Adding the @Table models ${waiting.map((m) => m.name).join(', ')} failed: ${firstLine(e)}` });
    }
  }

  /** Every associate the project's code has not called yet, after all models exist, as sequelize-cli's registry does. */
  private async associateAll(): Promise<void> {
    for (const sequelize of this.scratch.instances) {
      for (const model of Object.values(sequelize.models) as Associable[]) {
        if (this.associated.has(model) || typeof model.associate !== 'function') continue;
        await model.associate(sequelize.models);
      }
    }
  }

  /** Sequelize v4's classMethods/instanceMethods: v6 ignores them, so associations written there never exist. */
  private findV4(): void {
    for (const sequelize of this.scratch.instances) {
      for (const model of Object.values(sequelize.models)) {
        const options = model.options as { classMethods?: Record<string, unknown> };
        if (!options.classMethods) continue;
        this.problems.push({
          kind: 'v4',
          message: `${model.name} defines classMethods, which is Sequelize v4: v6 ignores it, so ${options.classMethods.associate ? 'its associate never runs and its associations do not exist' : 'those methods do not exist'}. Move them onto the model: ${model.name}.associate = (models) => { ... }.`,
        });
      }
    }
  }
}
