import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../runner/course/lessons.ts';
import { withLessonList } from '../runner/course/readme-index.ts';

describe('README', () => {
  it('lists exactly the manifest\'s lessons (regenerate: npx tsx runner/course/readme-index.ts --write)', () => {
    const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
    expect(readme).toBe(withLessonList(readme));
  });
});
