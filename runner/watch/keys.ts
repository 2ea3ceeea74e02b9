/** One-key commands on a TTY, with the terminal always restored (raw mode off, cursor shown). */
import { emitKeypressEvents } from 'node:readline';

export type KeyHandler = (key: string) => void;

export interface KeyInput {
  stop(): void;
}

export function listenForKeys(onKey: KeyHandler, input: NodeJS.ReadStream = process.stdin): KeyInput | undefined {
  if (!input.isTTY) return undefined;
  emitKeypressEvents(input);
  input.setRawMode(true);
  input.resume();
  const handler = (str: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
    if (key?.ctrl && key.name === 'c') return onKey('ctrl-c');
    if (str) onKey(str.toLowerCase());
  };
  input.on('keypress', handler);
  return {
    stop() {
      input.off('keypress', handler);
      if (input.isTTY) input.setRawMode(false);
      input.pause();
    },
  };
}
