/**
 * Which of a project's files the book's project page follows: the models folder (every depth: a
 * registry may load subfolders), the migrations folder, the sequelize-cli config, and in the root
 * `.workbook-doctor.json`, `.sequelizerc` and package.json. Folders are watched, not files, so an
 * editor that saves by rename (vim, JetBrains) is seen; node_modules and .git never are.
 */
import { dirname, join, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { ProjectLayout } from '../doctor/locate.ts';
import { SILENCE_FILE } from '../doctor/silence.ts';

export interface Followed {
  /** Followed at every depth. */
  trees: string[];
  /** Followed themselves only. */
  files: string[];
}

export function followed(layout: ProjectLayout): Followed {
  const trees = [layout.modelsDir, layout.migrationsDir].filter((d): d is string => Boolean(d));
  // A project given as the one module that defines its models: that module.
  const files = [...(layout.modelsDir ? [] : layout.modelFiles), layout.config, ...[SILENCE_FILE, '.sequelizerc', 'package.json'].map((f) => join(layout.root, f))];
  return { trees: trees.map((t) => resolve(t)), files: files.filter((f): f is string => Boolean(f)).map((f) => resolve(f)) };
}

/** The files whose content a run judged (for the stamp that tells a run overtaken by a save). */
export function judgedFiles(layout: ProjectLayout): string[] {
  return [layout.index, ...layout.modelFiles, ...layout.migrationFiles, layout.config].filter((f): f is string => Boolean(f));
}

const never = (p: string) => p.split(/[\\/]/).some((part) => part === 'node_modules' || part === '.git');

export function isFollowed(f: Followed, path: string): boolean {
  const p = resolve(path);
  if (never(p)) return false;
  return f.files.includes(p) || f.trees.some((t) => p === t || p.startsWith(t + sep));
}

/** Calls `onChange` on every change to a followed file (a file added, changed, renamed or deleted). */
export function watchProject(f: Followed, onChange: () => void): FSWatcher {
  const folders = [...new Set([...f.trees, ...f.files.map((file) => dirname(file))])];
  const watcher = watch(folders, {
    ignoreInitial: true,
    // A file's folder is watched for that file only: the project's other folders are not walked.
    ignored: (p) => !isFollowed(f, p) && !folders.includes(resolve(p)),
  });
  watcher.on('all', (_event, path) => {
    if (isFollowed(f, path)) onChange();
  });
  // A followed folder deleted (the project moved away): the next run names the problem.
  watcher.on('error', () => onChange());
  return watcher;
}
