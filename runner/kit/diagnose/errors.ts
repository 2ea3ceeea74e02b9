/**
 * Turns errors thrown by the learner's code (or by Sequelize because of it) into the lesson's words,
 * keeping Sequelize's original line so it can be searched for.
 */
import { LessonCodeError } from '../failure.ts';

interface Rule {
  test: RegExp;
  explain: (m: RegExpMatchArray) => string;
}

const rules: Rule[] = [
  {
    test: /You have used the alias (\S+) in two separate associations/,
    explain: (m) => `Two associations on the same model use the alias ${m[1]}. An alias names one association (and its mixins), so each must be different: rename one of them.`,
  },
  {
    test: /(\w+)\.(hasOne|hasMany|belongsTo|belongsToMany) called with something that's not a subclass of Sequelize\.Model/,
    explain: (m) => `${m[1]}.${m[2]}(...) was given something that is not a model. Pass the model itself (the value sequelize.define returned), not its name as a string, and define it before you associate it.`,
  },
  {
    test: /(\w+) is associated to (\w+) using an alias\. You must use the 'as' keyword/,
    explain: (m) => `The association from ${m[2]} to ${m[1]} has an alias, so an include must name it: include: { model: ${m[1]}, as: '<the alias>' } (or include: '<the alias>').`,
  },
  {
    test: /(\w+) is associated to (\w+) using an alias\. You've included an alias \((\w+)\), but it does not match the alias\(es\) defined in your association \(([^)]*)\)/,
    explain: (m) => `The include asks for the alias '${m[3]}', but the association from ${m[2]} to ${m[1]} is called '${m[4]}'. Use the same alias in the association and in the include.`,
  },
  {
    test: /(\w+) is not associated to (\w+)!/,
    explain: (m) => `${m[2]} has no association to ${m[1]}, so it cannot include it. Declare the association (for example ${m[2]}.hasMany(${m[1]})) before querying, or include from the side that has it.`,
  },
  {
    test: /Naming collision between attribute '(\w+)' and association '(\w+)' on model (\w+)/,
    explain: (m) => `${m[3]} has an attribute and an association both called '${m[1]}'. A foreign key column and an alias must differ: for example as: '${m[1]}' with foreignKey: '${m[1]}Id'.`,
  },
  {
    test: /FOREIGN KEY constraint failed/,
    explain: () => 'The database refused a row because a foreign key points at a row that does not exist (or a delete is blocked by rows that still point at it).',
  },
  {
    test: /UNIQUE constraint failed: (\S+)/,
    explain: (m) => `The database refused a second row with the same ${m[1]}: that column is unique.`,
  },
  {
    test: /NOT NULL constraint failed: (\S+)/,
    explain: (m) => `The database refused a row without ${m[1]}: that column does not allow NULL.`,
  },
  {
    test: /(\w+) is not defined/,
    explain: (m) => `${m[1]} is used before it is defined or imported. Check the spelling, and that it is imported or declared in this file.`,
  },
];

/** A plain-words explanation of an error from Sequelize or the learner's code, with the original line. */
export function explainError(e: unknown): string {
  const original = e instanceof Error ? e.message : String(e);
  const firstLine = original.split('\n')[0];
  const validation = validationDetails(e);
  for (const r of rules) {
    const m = original.match(r.test);
    if (m) return `${r.explain(m)}${validation}\n  (Sequelize said: ${firstLine})`;
  }
  if (e instanceof Error && e.name.startsWith('Sequelize')) return `${e.name}: ${firstLine}${validation}`;
  return e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${firstLine}` : firstLine;
}

function validationDetails(e: unknown): string {
  const errors = (e as { errors?: Array<{ message?: string; path?: string }> }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return '';
  return '\n' + errors.map((x) => `  - ${x.path ?? '?'}: ${x.message ?? ''}`).join('\n');
}

/** An error while importing an editable file: syntax errors and exceptions at import time. */
export function explainLoadError(e: unknown, file: string): LessonCodeError {
  const err = e as { message?: string; errors?: Array<{ text?: string; location?: { line?: number; column?: number; lineText?: string } }> };
  // esbuild (used by tsx and Vite) reports syntax errors with a location.
  const first = Array.isArray(err?.errors) ? err.errors[0] : undefined;
  if (first?.location) {
    const { line, column, lineText } = first.location;
    return new LessonCodeError(
      `${file} has a syntax error at line ${line}, column ${(column ?? 0) + 1}: ${first.text}\n    ${lineText ?? ''}\n    ${' '.repeat(column ?? 0)}^`,
      e,
    );
  }
  const msg = err?.message ?? String(e);
  const syntax = msg.match(/(?:Transform failed with \d+ error:?\s*)?([^\n]*?):(\d+):(\d+):\s*ERROR:\s*(.*)/);
  if (syntax) return new LessonCodeError(`${file} has a syntax error at line ${syntax[2]}, column ${Number(syntax[3]) + 1}: ${syntax[4]}`, e);
  if (e instanceof SyntaxError) return new LessonCodeError(`${file} has a syntax error: ${msg.split('\n')[0]}`, e);
  return new LessonCodeError(`${file} threw while it was being loaded: ${explainError(e)}`, e);
}
