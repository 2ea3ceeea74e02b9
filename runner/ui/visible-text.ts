/**
 * Text a student (or a learner's code) made, shown as data: every control character becomes a
 * visible escape (ESC as `\x1b`, BEL as `\x07`), so a message that throws `"\x1b[2J\x1b]0;owned\x07"`
 * cannot clear a teacher's terminal, retitle its window or plant a link when a report is printed.
 * Covered: C0 controls, DEL, C1 controls (0x80-0x9f: terminals read 0x9b as CSI), and the bidirectional
 * overrides and isolates that reorder what a reader sees (U+202A-U+202E, U+2066-U+2069).
 * Every report format and every place that prints such text uses these two functions.
 */

// eslint-disable-next-line no-control-regex
const EVERY_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// The same, less the tab and newline a multi-line text keeps (a CR is shown: alone it overwrites the line).
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function escape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line: every control character visible, newlines and tabs too (a name, a table cell, a progress line). */
export function visibleLine(text: string): string {
  return text.replace(EVERY_CONTROL, escape);
}

/** A message of several lines: newlines (CRLF read as one) and tabs kept, every other control character visible. */
export function visibleLines(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL_BUT_LINES, escape);
}

/** A JSON.stringify replacer: every string in the value made visible, lines kept (JSON escapes those itself). */
export function visibleInJson(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? visibleLines(value) : value;
}
