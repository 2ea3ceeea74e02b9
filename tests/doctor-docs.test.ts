/** docs/doctor.md documents every finding id doctor can report, and no id it cannot. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { CHECKS } from '../runner/doctor/findings/registry.ts';
import { MIGRATION_IDS } from '../runner/doctor/migrations.ts';

describe('docs/doctor.md', () => {
  const doc = readFileSync(join(projectRoot(), 'docs/doctor.md'), 'utf8');
  it('has a section for every check and a row for every migration id', () => {
    const sections = [...doc.matchAll(/^### ([a-z-]+)$/gm)].map((m) => m[1]);
    expect(sections.sort()).toEqual(CHECKS.map((c) => c.spec.id).sort());
    const rows = [...doc.matchAll(/^\| (migration-[a-z-]+) \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual([...MIGRATION_IDS].sort());
  });

  it('gives each check the severity and lesson doctor reports', () => {
    for (const { spec } of CHECKS) {
      const section = doc.split(`### ${spec.id}\n`)[1]?.split('\n### ')[0] ?? '';
      expect(section, spec.id).toMatch(new RegExp(`\\[[^\\]]*${spec.severity}`));
      expect(section, spec.id).toContain(`Lesson ${spec.lesson}.`);
    }
  });
});
