/**
 * What a check file uses that the engine's stand-in for Vitest (runner/engine/mini-vitest.ts) does
 * not have: read statically with TypeScript's parser, so a check that would only crash in the
 * engine (or pass in Vitest and fail in the engine) is named with its line and what to write instead.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { Problem } from './problem.ts';

/** What mini-vitest exports. */
const SUPPORTED_IMPORTS = new Set(['describe', 'suite', 'it', 'test', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'expect']);
const TEST_FUNCTIONS = new Set(['describe', 'suite', 'it', 'test']);
const TEST_MODIFIERS = new Set(['skip', 'only', 'todo']);
const SNAPSHOTS = new Set(['toMatchSnapshot', 'toMatchInlineSnapshot', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot', 'toMatchFileSnapshot']);
const TYPE_ASSERTIONS = new Set(['expectTypeOf', 'assertType']);

const INSTEAD = {
  vi: 'the engine has no mocks, spies or fake timers: check what really happened instead (rows read back, `db.statements` or `recordQueries` for the queries run; docs/check-kit.md).',
  each: 'write a loop instead: `for (const c of cases) it(`... ${c.name}`, async () => { ... })`.',
  modifier: 'the engine knows only .skip, .only and .todo: write plain `it(...)` / `describe(...)` calls.',
  snapshot: 'write the expected value out instead: `expect(value).toEqual(...)`, or a kit matcher (docs/check-kit.md).',
  types: "write a type check with the kit instead: `typeCheckLesson(import.meta.url, 'models.ts', probes)` with `fileTypeProblem`/`probeProblem` (docs/check-kit.md, lesson 12).",
  import: 'import only describe, it, test, beforeAll, afterAll, beforeEach, afterEach and expect from vitest.',
};

/** The identifier a chain like `it.skip.each` starts from, and the names after it. */
function chain(node: ts.PropertyAccessExpression): { root?: string; names: string[] } {
  const names: string[] = [];
  let e: ts.Expression = node;
  while (ts.isPropertyAccessExpression(e)) {
    names.unshift(e.name.text);
    e = e.expression;
  }
  return { root: ts.isIdentifier(e) ? e.text : undefined, names };
}

export function checkFileProblems(path: string, shown: string): Problem[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: Problem[] = [];
  const at = (node: ts.Node, message: string) => out.push({ file: `${shown}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`, message });
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === 'vitest') {
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) {
          const name = (el.propertyName ?? el.name).text;
          if (el.isTypeOnly || node.importClause?.isTypeOnly || SUPPORTED_IMPORTS.has(name)) continue;
          const why = name === 'vi' ? INSTEAD.vi : TYPE_ASSERTIONS.has(name) ? INSTEAD.types : INSTEAD.import;
          at(el, `\`${name}\` from vitest is not in the engine: ${why}`);
        }
      } else if (bindings) at(bindings, `\`import * from 'vitest'\` is not in the engine: ${INSTEAD.import}`);
      return;
    }
    if (ts.isPropertyAccessExpression(node) && !ts.isPropertyAccessExpression(node.parent)) {
      const { root, names } = chain(node);
      if (root === 'vi') at(node, `\`vi.${names.join('.')}\` is not in the engine: ${INSTEAD.vi}`);
      else if (root && TEST_FUNCTIONS.has(root)) {
        const bad = names.find((n) => !TEST_MODIFIERS.has(n));
        if (bad) at(node, `\`${root}.${names.join('.')}\` is not in the engine: ${bad === 'each' || bad === 'for' ? INSTEAD.each : INSTEAD.modifier}`);
      }
    }
    if (ts.isPropertyAccessExpression(node) && SNAPSHOTS.has(node.name.text)) at(node.name, `\`${node.name.text}\` is not in the engine: ${INSTEAD.snapshot}`);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && TYPE_ASSERTIONS.has(node.expression.text)) at(node, `\`${node.expression.text}\` is not in the engine: ${INSTEAD.types}`);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
