/**
 * Runs a job on every trigger, but never two at once and never shows a stale result: a trigger
 * during a run cancels that run and starts again, so the last result delivered is always for the
 * latest content. Bursts (50 saves a second) collapse into one run after the burst.
 */
export class LatestOnly<T> {
  private generation = 0;
  private running: { controller: AbortController; done: Promise<void> } | undefined;

  constructor(
    private readonly job: (signal: AbortSignal) => Promise<T>,
    private readonly deliver: (result: T) => void,
  ) {}

  trigger(): void {
    const gen = ++this.generation;
    this.running?.controller.abort();
    const previous = this.running?.done ?? Promise.resolve();
    const controller = new AbortController();
    const done = previous.then(async () => {
      if (gen !== this.generation) return; // a newer trigger will run instead
      let result: T;
      try {
        result = await this.job(controller.signal);
      } catch (e) {
        if (controller.signal.aborted) return;
        throw e;
      }
      if (gen === this.generation && !controller.signal.aborted) this.deliver(result);
    });
    this.running = { controller, done: done.catch(() => undefined) };
  }

  /** Resolves when no run is in progress (for tests and clean shutdown). */
  async idle(): Promise<void> {
    while (this.running) {
      const current = this.running;
      await current.done;
      if (this.running === current) return;
    }
  }

  cancel(): void {
    this.generation++;
    this.running?.controller.abort();
  }
}
