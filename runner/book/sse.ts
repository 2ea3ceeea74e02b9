/** Server-Sent Events to every page that follows a lesson; a comment now and then keeps proxies and idle timers from closing the stream. */
import type { ServerResponse } from 'node:http';

const KEEP_ALIVE_MS = 15_000;

export class SseChannel {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer = setInterval(() => this.write(': keep-alive\n\n'), KEEP_ALIVE_MS).unref();

  get size(): number {
    return this.clients.size;
  }

  /** Starts the stream on `res`; `onGone` runs when the page closes it. */
  add(res: ServerResponse, onGone: () => void): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 1000\n\n');
    this.clients.add(res);
    res.once('close', () => {
      this.clients.delete(res);
      onGone();
    });
  }

  /** Sends one event to one page (the state so far, to a page that just connected). */
  sendTo(res: ServerResponse, event: string, data: unknown): void {
    res.write(frame(event, data));
  }

  send(event: string, data: unknown): void {
    this.write(frame(event, data));
  }

  close(): void {
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}

function frame(event: string, data: unknown): string {
  // JSON has no raw newlines, so the whole payload is one data: line.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
