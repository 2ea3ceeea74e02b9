/**
 * A Vite plugin for `npx vitest` (watch mode, the VS Code extension): tells Vitest that a lesson's
 * check file depends on the learner's editable files. The kit loads them with a computed dynamic
 * import (so a syntax error becomes a readable failure, and WORKBOOK_FROM can point elsewhere),
 * which Vite's module graph cannot see; without this, saving models.ts would not re-run the checks.
 */
import { pathToFileURL } from 'node:url';
import { basename, dirname } from 'node:path';
import type { Plugin } from 'vite';
import { CHECK_FILE, lessons } from '../course/lessons.ts';
import { editablePath } from './editable.ts';

export function watchEditables(): Plugin {
  return {
    name: 'workbook:watch-editables',
    transform(_code, id) {
      const file = id.split('?')[0];
      if (basename(file) !== CHECK_FILE) return null;
      const folder = basename(dirname(file));
      const lesson = lessons.find((l) => `${l.id}-${l.slug}` === folder);
      // Vite treats a watched file as an import of this module: a change re-runs this check file.
      for (const editable of lesson?.files ?? []) this.addWatchFile(editablePath(pathToFileURL(file).href, editable));
      return null;
    },
  };
}
