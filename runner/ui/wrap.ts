/**
 * Word-wraps plain text under an indent, so a long message continues under its own first line
 * instead of at the terminal's left edge. Each line keeps its own leading spaces (code, DDL).
 */
export function wrapIndented(text: string, indent: string, columns?: number): string {
  return text
    .split('\n')
    .flatMap((line) => (columns ? wrapLine(line, columns - indent.length) : [line]))
    .map((l) => indent + l)
    .join('\n');
}

function wrapLine(line: string, width: number): string[] {
  const lead = /^\s*/.exec(line)?.[0] ?? '';
  // Too narrow to wrap sensibly: let the terminal do it.
  if (width - lead.length < 20 || [...line].length <= width) return [line];
  const out: string[] = [];
  let current = lead;
  for (const word of line.slice(lead.length).split(/ +/)) {
    const candidate = current.trim() ? `${current} ${word}` : current + word;
    if ([...candidate].length > width && current.trim()) {
      out.push(current);
      current = lead + word;
    } else current = candidate;
  }
  out.push(current);
  return out;
}
