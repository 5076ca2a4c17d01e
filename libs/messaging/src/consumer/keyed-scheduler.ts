/**
 * Runs tasks with a bound on concurrency, one at a time per key: events of one aggregate
 * are applied in the order they arrived, events of different aggregates in parallel.
 */
export class KeyedScheduler {
  private readonly tails = new Map<string, Promise<void>>();
  private active = 0;
  private readonly slotWaiters: Array<() => void> = [];
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  get running(): number {
    return this.active;
  }

  /** Resolves when a task may be started without exceeding the limit. */
  whenSlotFree(): Promise<void> {
    if (this.active < this.limit) return Promise.resolve();
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  /** Takes a slot now (call after whenSlotFree) and runs the task after the key's previous one. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    this.active += 1;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task).catch(() => undefined);
    this.tails.set(key, current);
    return current.finally(() => {
      if (this.tails.get(key) === current) this.tails.delete(key);
      this.active -= 1;
      this.slotWaiters.shift()?.();
      if (this.active === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
  }

  /** Resolves when no task runs, or after the timeout; returns whether it became idle. */
  idle(timeoutMs: number): Promise<boolean> {
    if (this.active === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.idleWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}
