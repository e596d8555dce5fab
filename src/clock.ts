/**
 * The one source of "now" and of waiting: every component takes a Clock so tests can run with a
 * fake one. Waits that pace work (rate limits, pauses, backoff) go through `sleep`, so a fake
 * clock makes them instant and exact.
 */
export interface Clock {
  now(): Date;
  /** Resolves once `ms` milliseconds have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock that only moves when told to; for tests and the reminder simulator. */
export class FakeClock implements Clock {
  private current: number;

  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /**
   * Moves the clock to `ms` after now (unless it is already past that) and resolves on the next
   * turn of the event loop: sleepers that started together wake at the same instant.
   */
  sleep(ms: number): Promise<void> {
    const target = this.current + Math.max(0, ms);
    this.current = Math.max(this.current, target);
    return new Promise((resolve) => setImmediate(resolve));
  }

  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
