/**
 * Turns errors thrown by the learner's code (or by Sequelize because of it) into the lesson's words,
 * keeping Sequelize's original line so it can be searched for.
 */
import { LessonCodeError } from '../failure.ts';
import { Article, closest } from './similar.ts';
import type { AssociationInfo } from '../associations.ts';

/** What the kit knows when the error happened: the declarations let a message name the learner's lines. */
export interface ErrorContext {
  associations?: AssociationInfo[];
}

interface Rule {
  test: RegExp;
  /** Also look in the stack (a crash recognised by where it happened). */
  inStack?: boolean;
  explain: (m: RegExpMatchArray, e: unknown, ctx: ErrorContext) => string;
}

/** Sequelize's built-in validators (validator.js's, plus its own), to recognise a misspelt one. */
const VALIDATORS = [
  'notEmpty', 'len', 'min', 'max', 'isEmail', 'isUrl', 'isIP', 'isIPv4', 'isIPv6', 'isAlpha', 'isAlphanumeric', 'isNumeric', 'isInt',
  'isFloat', 'isDecimal', 'isLowercase', 'isUppercase', 'notNull', 'isNull', 'is', 'not', 'equals', 'contains', 'notContains', 'isIn',
  'notIn', 'isDate', 'isAfter', 'isBefore', 'isUUID', 'isCreditCard',
];

const rules: Rule[] = [
  {
    test: /Invalid validator function: (\w+)/,
    explain: (m) => {
      const near = closest(m[1], VALIDATORS);
      return (
        `validate: { ${m[1]}: ... } is not a validator Sequelize knows${near ? `: did you mean ${near}? (validator names are case-sensitive)` : ''}. ` +
        `Sequelize then refuses every row, valid or not. Use one of its validators (notEmpty, len, min, isEmail...) or a function of your own: validate: { ${m[1]}(value) { if (...) throw new Error('...'); } }.`
      );
    },
  },
  {
    test: /You have used the alias (\S+) in two separate associations/,
    explain: (m) => `Two associations on the same model use the alias ${m[1]}. An alias names one association (and its mixins), so each must be different: rename one of them.`,
  },
  {
    test: /(\w+)\.(hasOne|hasMany|belongsTo|belongsToMany) called with something that's not a subclass of Sequelize\.Model/,
    explain: (m) =>
      `${m[1]}.${m[2]}(...) was given something that is not a model. Pass the model itself (the value sequelize.define returned), not its name as a string, and define it before you associate it: ` +
      `with a model registry, models.X is undefined until X's factory has run, so call every associate(models) only after every model is defined.`,
  },
  {
    test: /(\w+) is associated to (\w+) using an alias\. You must use the 'as' keyword/,
    explain: (m) => `The association from ${m[2]} to ${m[1]} has an alias, so an include must name it: include: { model: ${m[1]}, as: '<the alias>' } (or include: '<the alias>').`,
  },
  {
    test: /(\w+) is associated to (\w+) using an alias\. You've included an alias \((\w+)\), but it does not match the alias\(es\) defined in your association \(([^)]*)\)/,
    explain: (m) => {
      const defined = m[4].split(/,\s*/);
      const near = closest(m[3], defined);
      const typo = near ? ` '${m[3]}' looks like a misspelling of '${near}' (aliases are case-sensitive).` : '';
      return `The include asks for the alias '${m[3]}', but the association from ${m[2]} to ${m[1]} is called '${m[4]}'.${typo} The alias in the include must be exactly the \`as\` of the association: include: { model: ${m[1]}, as: '${near ?? defined[0]}' }.`;
    },
  },
  {
    test: /Association with alias "([^"]+)" does not exist on (\w+)/,
    explain: (m) => `include: '${m[1]}' (or association: '${m[1]}') names an association by its alias, and ${m[2]} has no association called '${m[1]}'. Check the spelling (aliases are case-sensitive) against the \`as\` in ${m[2]}'s associations, or declare it.`,
  },
  {
    test: /Include unexpected\. Element has to be either a Model, an Association or an object/,
    explain: () => `An element of include is not a model: probably undefined, because the model is misspelt, not imported, or defined after this query. Pass the model itself (include: [Post]) or { model: Post, as: '...' }.`,
  },
  {
    test: /(\w+)\.belongsToMany\((\w+)\) requires through option/,
    explain: (m) => `${m[1]}.belongsToMany(${m[2]}) needs a join table: add through: '<TableName>' (or a through model), and use the same through on both sides.`,
  },
  {
    test: /N:M associations are not supported with hasMany/,
    explain: () => `hasMany does not take a through option: a many-to-many is belongsToMany on both sides (A.belongsToMany(B, { through: 'AB' }) and B.belongsToMany(A, { through: 'AB' })).`,
  },
  {
    test: /'as' must be defined for many-to-many self-associations/,
    explain: () => `A model associated with itself through belongsToMany needs an alias on each side (as: 'followers' / as: 'following'), so the two directions have different names.`,
  },
  {
    test: /Unknown attribute "(\w+)" passed as (sourceKey|targetKey), define this attribute on model "(\w+)" first/,
    explain: (m) => `${m[2]}: '${m[1]}' names an attribute ${m[3]} does not have. ${m[2]} is the column the foreign key points at (by default the primary key): drop it, or name an attribute of ${m[3]}.`,
  },
  {
    // SQLite: near "CASCAD": syntax error; PostgreSQL: syntax error at or near "CASCAD".
    test: /(?:SQLITE_ERROR: near|syntax error at or near) "(\w+)"/,
    explain: (m) => {
      const action = closest(m[1].toUpperCase(), ['CASCADE', 'RESTRICT', 'NULL', 'ACTION', 'DEFAULT', 'SET']);
      return action
        ? `The SQL Sequelize wrote for a foreign key has '${m[1]}' where the database expects an action: a misspelt onDelete/onUpdate value? They must be one of 'CASCADE', 'SET NULL', 'RESTRICT', 'NO ACTION', 'SET DEFAULT'.`
        : `The SQL Sequelize generated has a syntax error near '${m[1]}': an option value went into the SQL as you wrote it. Check the spelling of option values (onDelete, onUpdate, type) near it.`;
    },
  },
  {
    test: /notNull Violation: (\w+)\.(\w+) cannot be null/,
    explain: (m) => `${Article(m[1])} was saved without ${m[2]}, which is required (allowNull: false). Give it a value (for a foreign key, create the row through its parent, e.g. parent.create${m[1]}(...)).`,
  },
  {
    test: /\b((?:get|set|create|add|remove|has|count)[A-Z]\w*) is not a function/,
    explain: (m) => `${m[1]} does not exist on that object. Mixins such as ${m[1]} are created by an association and named after its alias (as: 'posts' gives getPosts); check the association is declared on this model and that the alias gives that name.`,
  },
  {
    test: /Cannot read properties of undefined \(reading '(field|rawAttributes)'\)[\s\S]*belongs-to-many/,
    inStack: true,
    explain: () => `Sequelize crashed while pairing two belongsToMany declarations of the same join table: one side gives foreignKey/otherKey and the other side does not. Give both sides both keys (foreignKey is this side's key, otherKey the other side's).`,
  },
  {
    // order: [[Book, 'publishYear', 'ASC']] when the association has an alias: Sequelize finds it by model AND alias.
    test: /Unable to find a valid association for model, '(\w+)'/,
    explain: (m) =>
      `An order item names the model ${m[1]} on its own, and Sequelize could not tell which association to ${m[1]} it means: an aliased association must be named by its alias. ` +
      `Write order: [['<alias>', 'column', 'ASC']], or [{ model: ${m[1]}, as: '<alias>' }, 'column', 'ASC'], with the \`as\` the association was declared with.`,
  },
  {
    test: /(\w+) is not associated to (\w+)!/,
    explain: (m, _e, ctx) => {
      const [, target, source] = m;
      // The usual cause: only the other side is declared, and an association works from its own model only.
      const back = (ctx.associations ?? []).find((a) => a.source === target && a.target === source);
      const other = back
        ? ` You declared ${back.label}, which lets ${target} include ${source}, not the other way round.`
        : ` An association works only from the model it is declared on: ${target}.hasMany(${source}) lets ${target} include ${source}, not ${source} include ${target}.`;
      const fix = back
        ? back.type === 'BelongsTo' ? `${source}.hasMany(${target}) (or hasOne)` : back.type === 'BelongsToMany' ? `${source}.belongsToMany(${target}, { through: ... })` : `${source}.belongsTo(${target})`
        : `${source}.belongsTo(${target}) when ${source}'s table holds the key, ${source}.hasOne/hasMany(${target}) when ${target}'s does`;
      return `${source} has no association to ${target}, so it cannot include it.${other} Declare the other side too, ${fix}, before querying, or include from the side that has it.`;
    },
  },
  {
    test: /Naming collision between attribute '(\w+)' and association '(\w+)' on model (\w+)/,
    explain: (m) => `${m[3]} has an attribute and an association both called '${m[1]}'. A foreign key column and an alias must differ: for example as: '${m[1]}' with foreignKey: '${m[1]}Id'.`,
  },
  {
    // userId from one side, UserId derived by the other: SQLite column names ignore case, so the CREATE TABLE fails.
    test: /duplicate column name: (\w+)/,
    explain: (m, e, ctx) => {
      const sql = (e as { sql?: string }).sql ?? '';
      const table = sql.match(/CREATE TABLE(?: IF NOT EXISTS)? [`"]?(\w+)[`"]?/i)?.[1];
      const twins = [...new Set([...sql.matchAll(/[`"](\w+)[`"]/g)].map((x) => x[1]).filter((c) => c.toLowerCase() === m[1].toLowerCase()))];
      const both = twins.length > 1 ? `${twins.join(' and ')}` : m[1];
      // Name the declarations behind each spelling when the kit knows them.
      const from = (ctx.associations ?? []).filter((a) => a.fkTable === table && twins.includes(a.fkColumn)).map((a) => `${a.fkColumn} from ${a.label}`);
      const cause = from.length > 1
        ? `The two sides of the association derived different foreign keys: ${from.join('; ')}.`
        : `This usually means the two sides of an association derived different foreign keys (one side gives foreignKey: 'userId', the other lets Sequelize call it UserId).`;
      return `${table ?? 'A table'} would get two columns named ${both}, and SQLite column names ignore case, so they are the same column twice. ${cause} Give both sides the same foreignKey.`;
    },
  },
  {
    // A column used where the query cannot see it: an included model's column at the top level
    // (order: [['publishYear', 'ASC']], where: { publishYear } on Author), or a separate include's column.
    // SQLite: no such column: Author.publishYear; PostgreSQL: column Author.publishYear does not exist.
    // (PostgreSQL's "column ... must appear in the GROUP BY clause" is another mistake: the rule below.)
    test: /no such column: `?"?(\w*)`?"?\.`?"?(\w+)`?"?|column `?"?(\w*)`?"?\.`?"?(\w+)`?"? does not exist/,
    explain: (m, e) => {
      const table = m[1] ?? m[3];
      const column = m[2] ?? m[4];
      const sql = (e as { sql?: string }).sql ?? '';
      const main = sql.match(/\bFROM\s+[`"](\w+)[`"]\s+AS\s+[`"](\w+)[`"]/i);
      // Only direct includes ('books', not 'books->genres'): the alias the order or where should name.
      const joined = [...sql.matchAll(/\bJOIN\s+\(?\s*[`"]\w+[`"]\s+AS\s+[`"]([^`"]+)[`"]/gi)].map((x) => x[1]).filter((a) => !a.includes('->'));
      const alias = joined[0] ?? '<alias>';
      if (!table) {
        return `An order item names the included model in a form Sequelize cannot turn into a table name (the SQL says \`\`.${column}). Name the association by its alias, order: [['${alias}', '${column}', 'ASC']], or give the model with its alias: [{ model: TheModel, as: '${alias}' }, '${column}', 'ASC'].`;
      }
      if (main && table === main[2]) {
        const where = joined.length ? ` (this query joins ${joined.map((a) => `'${a}'`).join(', ')})` : '';
        return (
          `The query asks ${main[1]} for ${column}, a column it does not have. If ${column} belongs to an included model${where}, say which: ` +
          `to sort, name the association first, order: [['${alias}', '${column}', 'ASC']]; to filter, put the where inside that include, { association: '${alias}', where: { ${column}: ... } } ` +
          `(or write '$${alias}.${column}$' in the top-level where). Otherwise check the spelling of ${column}.`
        );
      }
      if (sql && !joined.includes(table)) {
        return (
          `The query uses ${table}.${column}, but ${table} is not joined into it. An include with separate: true (or with a limit) is loaded by a second query of its own, ` +
          `so the first query cannot sort or filter by its columns: put the order inside that include, { association: '${table}', separate: true, order: [['${column}', 'DESC']] }.`
        );
      }
      return `The SQL asks ${table} for ${column}, and there is no such column. Check the attribute names in where, order and attributes.`;
    },
  },
  {
    // PostgreSQL will not drop a table that another table's foreign key points at (SQLite drops it and
    // leaves the other table dangling). Its detail names the constraints: "constraint PostTags_tagId_fkey on table "PostTags" depends on table "Tags"".
    test: /cannot drop table "?(\w+)"? because other objects depend on it/,
    explain: (m, e) => {
      const detail = (e as { parent?: { detail?: string } } | null)?.parent?.detail ?? '';
      const holders = [...new Set([...detail.matchAll(/on table "?(\w+)"? depends on table/g)].map((x) => x[1]))];
      const who = holders.length ? holders.join(', ') : 'another table';
      return (
        `PostgreSQL refuses to drop ${m[1]}: ${who} still ${holders.length > 1 ? 'hold foreign keys' : 'holds a foreign key'} to it. ` +
        `Drop the tables that hold the keys first (${holders.length ? `${who} before ${m[1]}` : `the referencing tables before ${m[1]}`}), and none may be left out: these tables must be gone after down() too.`
      );
    },
  },
  {
    // An aggregate (COUNT) beside plain columns with no GROUP BY covering them: SQLite answers with one row
    // for everything, PostgreSQL refuses. Either way the fix is to group by the parent's key.
    test: /column "?(\w+)\.(\w+)"? must appear in the GROUP BY clause or be used in an aggregate function/,
    explain: (m, e) => {
      // A column of an included model (LEFT OUTER JOIN "Posts" AS "posts"): grouping by it too would
      // make one group per post; the include should return no columns of its own.
      const sql = (e as { sql?: string } | null)?.sql ?? '';
      const joined = [...sql.matchAll(/\bJOIN\s+"\w+"\s+AS\s+"([^"]+)"/gi)].map((x) => x[1]);
      if (joined.includes(m[1])) {
        return (
          `PostgreSQL refuses to return ${m[1]}.${m[2]}, a column of the included ${m[1]}, beside an aggregate such as COUNT: within one group each ${m[1]} row has its own. ` +
          `Give that include attributes: [] ({ association: '${m[1]}', attributes: [] }), so the query returns the count and no column of ${m[1]}. (Adding ${m[1]}.id to group instead would make one group per ${m[1]} row: every count 1, or 0.)`
        );
      }
      return (
        `PostgreSQL refuses to return ${m[1]}.${m[2]} beside an aggregate such as COUNT when no GROUP BY covers it (SQLite would answer with one row for everything). ` +
        `COUNT without group counts every joined row together. Add group: ['${m[1]}.id'] (the parent's primary key), so each ${m[1]} gets a row and a count of its own.`
      );
    },
  },
  {
    test: /FOREIGN KEY constraint failed|violates (?:RESTRICT setting of )?foreign key constraint/,
    explain: () => 'The database refused a row because a foreign key points at a row that does not exist (or a delete is blocked by rows that still point at it).',
  },
  {
    test: /UNIQUE constraint failed: (\S+)/,
    explain: (m) => `The database refused a second row with the same ${m[1]}: that column is unique.`,
  },
  {
    // PostgreSQL names the constraint; Sequelize puts the columns in e.fields ({ userId: '1' }).
    test: /duplicate key value violates unique constraint "([^"]+)"/,
    explain: (m, e) => {
      const fields = Object.keys((e as { fields?: Record<string, unknown> } | null)?.fields ?? {});
      const table = ((e as { parent?: { table?: string } } | null)?.parent?.table) ?? '';
      const cols = fields.length ? fields.map((f) => (table ? `${table}.${f}` : f)).join(', ') : m[1];
      return `The database refused a second row with the same ${cols}: ${fields.length > 1 ? 'those columns are unique together' : 'that column is unique'}.`;
    },
  },
  {
    // SQLite: NOT NULL constraint failed: Cards.userId; PostgreSQL: null value in column "userId" of relation "Cards" violates not-null constraint.
    test: /NOT NULL constraint failed: (\S+)|null value in column "(\w+)" of relation "(\w+)" violates not-null constraint/,
    // Failing inside a DELETE, the NULL came from the database itself: ON DELETE SET NULL on a NOT NULL key.
    explain: (m, e) => {
      const column = m[1] ?? `${m[3]}.${m[2]}`;
      return /^\s*DELETE\b/i.test((e as { sql?: unknown } | null)?.sql?.toString() ?? '')
        ? `A delete made the database set ${column} to NULL (its foreign key says ON DELETE SET NULL), but that column does not allow NULL, so the whole delete was refused. A key that must not be NULL needs onDelete: 'CASCADE' (the rows go with their parent) or 'RESTRICT', on both sides of the association.`
        : `The database refused a row without ${column}: that column does not allow NULL.`;
    },
  },
  {
    test: /(\w+) is not defined/,
    explain: (m) => `${m[1]} is used before it is defined or imported. Check the spelling, and that it is imported or declared in this file.`,
  },
];

/** A plain-words explanation of an error from Sequelize or the learner's code, with the original line. */
export function explainError(e: unknown, ctx: ErrorContext = {}): string {
  const row = bulkRowError(e);
  if (row) return explainError(row, ctx);
  const original = e instanceof Error ? e.message : String(e);
  const firstLine = original.split('\n')[0];
  const validation = validationDetails(e);
  // Sequelize wraps database errors: the useful words are often in e.parent ("UNIQUE constraint failed: Cards.userId"),
  // and some crashes are recognised by where they happened (the stack).
  const err = e as { parent?: { message?: string }; stack?: string } | null;
  const parent = typeof err?.parent?.message === 'string' && err.parent.message !== original ? err.parent.message.split('\n')[0] : undefined;
  const haystack = [original, parent].filter(Boolean).join('\n');
  const said = `${firstLine}${parent ? `; the database said: ${parent}` : ''}`;
  for (const r of rules) {
    const m = (r.inStack ? `${haystack}\n${err?.stack ?? ''}` : haystack).match(r.test);
    if (m) return `${r.explain(m, e, ctx)}${validation}\n  (Sequelize said: ${said})`;
  }
  if (e instanceof Error && e.name.startsWith('Sequelize')) return `${e.name}: ${firstLine}${validation}`;
  return e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${firstLine}` : firstLine;
}

/**
 * bulkCreate (and the mixins built on it, such as addCourse with a through model) throws an
 * AggregateError with an empty message, holding one BulkRecordError per failed row: the first row's
 * own error is the one to explain.
 */
function bulkRowError(e: unknown): unknown {
  const agg = e as { name?: string; errors?: unknown[] } | null;
  if (agg?.name !== 'AggregateError' || !Array.isArray(agg.errors) || !agg.errors.length) return undefined;
  const first = agg.errors[0] as { errors?: unknown } | null;
  return first?.errors instanceof Error ? first.errors : first;
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
