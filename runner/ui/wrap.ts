/**
 * Word-wraps plain text under an indent, so a long message continues under its own first line
 * instead of at the terminal's left edge. Each line keeps its own leading spaces (code, DDL).
 * Lines break only between words: a word, path or command longer than the line stays whole (it
 * may overflow), so it can still be copied and pasted. Colour codes and terminal links take no width.
 */
export function wrapIndented(text: string, indent: string, columns?: number, firstIndent = indent): string {
  let first = true;
  return text
    .split('\n')
    .flatMap((line) => (columns ? wrapLine(line, columns - visibleWidth(indent)) : [line]))
    .map((l) => {
      const prefix = first ? firstIndent : indent;
      first = false;
      return prefix + l;
    })
    .join('\n');
}

/** Characters a terminal shows for a string: colour codes and OSC 8 link targets take none. */
export function visibleWidth(text: string): number {
  // eslint-disable-next-line no-control-regex
  return [...text.replace(/\x1b\[[0-9;]*m|\x1b\]8;;[^\x1b]*\x1b\\/g, '')].length;
}

function wrapLine(line: string, width: number): string[] {
  const lead = /^\s*/.exec(line)?.[0] ?? '';
  // Too narrow to wrap sensibly: let the terminal do it.
  if (width - lead.length < 20 || visibleWidth(line) <= width) return [line];
  const out: string[] = [];
  let current = lead;
  for (const word of words(line.slice(lead.length))) {
    const candidate = current.trim() ? `${current} ${word}` : current + word;
    if (visibleWidth(candidate) > width && current.trim()) {
      out.push(current);
      current = lead + word;
    } else current = candidate;
  }
  out.push(current);
  return out;
}

const COMMAND_PART = /^(run|start|workbook|-\S*|\d+\S*|<[^>]*>\S*|\[[^\]]*\]\S*|watch|list|read|hint|reset|solution|schema|verify|grade|autograding|report)$/;

/** The line's unbreakable pieces: words, `quoted code` and npm commands (which a break would ruin for copy-paste). */
export function words(text: string): string[] {
  const parts = text.split(/ +/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    let word = parts[i];
    // `a quoted command` stays one piece up to its closing backtick.
    if ((word.match(/`/g)?.length ?? 0) % 2 === 1) {
      while (i + 1 < parts.length && (word.match(/`/g)?.length ?? 0) % 2 === 1) word += ' ' + parts[++i];
    } else if (/^\(?npm$/.test(word)) {
      // npm run workbook -- verify 05 --diff: glued while the next piece looks like part of it.
      while (i + 1 < parts.length && COMMAND_PART.test(parts[i + 1].replace(/[).,:;]+$/, ''))) {
        word += ' ' + parts[++i];
        if (/[).,:;]$/.test(parts[i])) break;
      }
    }
    out.push(word);
  }
  return out;
}
