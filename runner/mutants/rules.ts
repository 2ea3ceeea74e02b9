/**
 * The mutation rules: small, realistic edits of a solved file, each a mistake a learner could make
 * (the wrong association type, an option left out). A rule finds every place it applies; each place
 * is one mutant.
 */

/** What a mutant can change: the schema and declarations (provable by reading them back), or behaviour only. */
export type RuleKind = 'schema' | 'behaviour';

export interface Site {
  start: number;
  end: number;
  replacement: string;
}

export interface Rule {
  id: string;
  /** What the edit does, for the table. */
  does: string;
  kind: RuleKind;
  /** Words a message naming this edit's mistake would use (a heuristic for the report, not a verdict). */
  names: RegExp;
  sites(text: string): Site[];
}

/** Ranges of comments and string literals, where no rule applies (and no bracket counts). */
export function quietRanges(text: string): Array<[number, number, 'comment' | 'string']> {
  const out: Array<[number, number, 'comment' | 'string']> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      out.push([i, end < 0 ? text.length : end, 'comment']);
      i = end < 0 ? text.length : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      out.push([i, end < 0 ? text.length : end + 2, 'comment']);
      i = end < 0 ? text.length : end + 2;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
      out.push([i, j + 1, 'string']);
      i = j + 1;
    } else i++;
  }
  return out;
}

function inRange(ranges: Array<[number, number, unknown]>, at: number): boolean {
  return ranges.some(([s, e]) => at >= s && at < e);
}

/** Replaces a call's method name: `.hasMany(` → `.hasOne(`. */
function call(id: string, from: string, to: string, names: RegExp): Rule {
  return {
    id,
    does: `.${from}( → .${to}(`,
    kind: 'schema',
    names,
    sites(text) {
      const quiet = quietRanges(text);
      const sites: Site[] = [];
      for (const m of text.matchAll(new RegExp(`\\.${from}\\(`, 'g'))) {
        if (inRange(quiet, m.index)) continue;
        sites.push({ start: m.index + 1, end: m.index + 1 + from.length, replacement: to });
      }
      return sites;
    },
  };
}

/** The end of a value starting at `from`: the next top-level `,`, `}`, `]` or `)`. */
function valueEnd(text: string, from: number, quiet: Array<[number, number, 'comment' | 'string']>): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const q = quiet.find(([s, e]) => i >= s && i < e);
    if (q) {
      i = q[1] - 1;
      continue;
    }
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if (c === ',' && depth === 0) return i;
  }
  return text.length;
}

/**
 * Removes an option `key: value` from an object literal (with its comma), where the value matches
 * `value` (any value when omitted).
 */
function drop(key: string, kind: RuleKind, names: RegExp, value?: RegExp): Rule {
  return {
    id: value ? `drop-${key}-${value.source.replace(/\W+/g, '')}` : `drop-${key}`,
    does: value ? `remove ${key}: ${value.source.replace(/\\/g, '')}` : `remove ${key}: …`,
    kind,
    names,
    sites(text) {
      const quiet = quietRanges(text);
      const sites: Site[] = [];
      // A key in an object literal: after `{`, `,` or a line start; not a property access or a type.
      for (const m of text.matchAll(new RegExp(`([{,]\\s*|\\n\\s*)(${key})\\s*:\\s*`, 'g'))) {
        const keyAt = m.index + m[1].length;
        if (inRange(quiet, keyAt)) continue;
        const valueAt = m.index + m[0].length;
        const end = valueEnd(text, valueAt, quiet);
        const v = text.slice(valueAt, end).trim();
        if (!v || (value && !value.test(v))) continue;
        // `declare x: Type;` and type annotations end with `;` inside the value: not an option.
        if (/;/.test(text.slice(valueAt, end))) continue;
        let start = keyAt;
        let stop = valueAt + text.slice(valueAt, end).trimEnd().length;
        if (text[end] === ',') {
          stop = end + 1;
          while (text[stop] === ' ') stop++;
        } else {
          // The last option: take the comma before it.
          const before = text.slice(0, keyAt).match(/,\s*$/);
          if (before) start = keyAt - before[0].length;
        }
        sites.push({ start, end: stop, replacement: '' });
      }
      return sites;
    },
  };
}

export const rules: Rule[] = [
  call('hasMany-to-hasOne', 'hasMany', 'hasOne', /hasOne|hasMany|one-to-one|one .* many|unique/i),
  call('hasOne-to-hasMany', 'hasOne', 'hasMany', /hasOne|hasMany|one-to-one|unique|more than one/i),
  call('belongsTo-to-hasOne', 'belongsTo', 'hasOne', /belongsTo|hasOne|the task does not ask for|wrong table/i),
  drop('onDelete', 'schema', /ON DELETE|onDelete|cascade|deleted|delete/i),
  drop('onUpdate', 'schema', /ON UPDATE|onUpdate/i),
  drop('allowNull', 'schema', /NULL|allowNull/i, /^false$/),
  drop('unique', 'schema', /unique|one-to-one|twice|second/i, /^true$/),
  drop('foreignKey', 'schema', /foreignKey|two columns|two foreign keys|derived|named|key/i),
  drop('otherKey', 'schema', /otherKey|swapped|key/i),
  drop('as', 'schema', /alias|as: '|\bas\b/i),
  drop('scope', 'schema', /scope/i),
  drop('hooks', 'schema', /hooks|afterDestroy|one by one/i, /^true$/),
  drop('constraints', 'schema', /constraints|REFERENCES|foreign key/i, /^false$/),
  drop('paranoid', 'schema', /paranoid|deletedAt|soft/i, /^true$/),
  drop('include', 'behaviour', /include|N\+1|quer(y|ies)|not loaded|loaded/i),
  drop('required', 'behaviour', /required|inner join|LEFT JOIN|INNER JOIN/i),
  drop('where', 'behaviour', /where|filter|returned/i),
  drop('transaction', 'behaviour', /transaction/i),
];

/** The few rules `npm test` runs on every lesson (a check that stops catching them fails CI). */
export const FAST_RULES = ['hasMany-to-hasOne', 'belongsTo-to-hasOne', 'drop-onDelete', 'drop-foreignKey'];
