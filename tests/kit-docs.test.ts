/**
 * docs/check-kit.md against the kit's real exports: every matcher registered in matchers.ts is in the
 * KitMatchers interface and documented with an example, and every function index.ts exports is named
 * in the docs with a call. (A lesson writer reads the page, not the source.)
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as kit from '../runner/kit/index.ts';
import { projectRoot } from '../runner/course/lessons.ts';

const root = projectRoot();
const docs = readFileSync(join(root, 'docs/check-kit.md'), 'utf8');
const matchersSource = readFileSync(join(root, 'runner/kit/matchers.ts'), 'utf8');

/** The example code blocks of the page: where a call must appear. */
const code = [...docs.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');

describe('docs/check-kit.md', () => {
  const [extendBlock, interfaceBlock] = matchersSource.split(/\ninterface KitMatchers/);
  const registered = [...extendBlock.matchAll(/^ {2}(?:async )?(to[A-Z]\w*)\s*[(:]/gm)].map((m) => m[1]);
  const declared = [...interfaceBlock.matchAll(/^ {2}(to[A-Z]\w*)\(/gm)].map((m) => m[1]);

  it('every registered matcher is declared for TypeScript, and nothing else is', () => {
    expect(registered.length).toBeGreaterThan(15);
    expect([...new Set(declared)].sort()).toEqual([...registered].sort());
  });

  it('every matcher has an example', () => {
    const missing = registered.filter((name) => !new RegExp(`\\.${name}\\(`).test(code));
    expect(missing, `matchers without an example in a \`\`\`ts block: ${missing.join(', ')}`).toEqual([]);
  });

  it('every exported function is named with a call', () => {
    const functions = Object.entries(kit).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    const missing = functions.filter((name) => !new RegExp(`\\b${name}(<[^>]*>)?\\(`).test(docs));
    expect(missing, `exports never shown with a call: ${missing.join(', ')}`).toEqual([]);
  });
});
