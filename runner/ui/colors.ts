/** Whether to colour the output, and the colour functions to use once that is decided. */
import pc from 'picocolors';

export type Palette = ReturnType<typeof pc.createColors>;

/**
 * NO_COLOR (https://no-color.org) wins over everything, then FORCE_COLOR (set by CI systems and
 * by tools that pipe us but still want colour), then whether the stream is a terminal.
 */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  const no = process.env.NO_COLOR;
  if (no !== undefined && no !== '') return false;
  const force = process.env.FORCE_COLOR;
  // 'false' is what supports-color (and so most of npm) also reads as "off".
  if (force !== undefined) return force !== '0' && force !== 'false';
  return Boolean(stream.isTTY);
}

/** With `enabled` false every function returns its input unchanged, so callers never branch on colour. */
export function palette(enabled: boolean): Palette {
  return pc.createColors(enabled);
}
