/**
 * CREATE TABLE statements laid out one column (or constraint) per line, for reading in a terminal.
 * Splits the table body at its top-level commas only, so a type such as DECIMAL(10, 2) or a
 * composite key (`a`, `b`) stays whole; anything that is not a CREATE TABLE is left as it is.
 */
export function formatDdl(ddl: string): string {
  return ddl
    .split('\n')
    .map((statement) => formatStatement(statement))
    .join('\n');
}

function formatStatement(statement: string): string {
  const head = /^CREATE TABLE [^(]+\(/.exec(statement);
  const end = statement.lastIndexOf(')');
  if (!head || end < head[0].length) return statement;
  const parts = splitTopLevel(statement.slice(head[0].length, end));
  return `${head[0]}\n${parts.map((p) => `  ${p.trim()}`).join(',\n')}\n${statement.slice(end)}`;
}

/** Splits at commas outside parentheses and quotes. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts.filter((p) => p.trim() !== '');
}
