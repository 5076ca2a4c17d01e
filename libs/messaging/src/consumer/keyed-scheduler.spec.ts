import { KeyedScheduler } from './keyed-scheduler';

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedScheduler', () => {
  it('runs the tasks of one key one after the other, in order', async () => {
    const scheduler = new KeyedScheduler(8);
    const order: number[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const tasks = [1, 2, 3, 4].map((n) =>
      scheduler.run('a', async () => {
        concurrent += 1;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        await tick(10 - n * 2);
        order.push(n);
        concurrent -= 1;
      }),
    );
    await Promise.all(tasks);
    expect(order).toEqual([1, 2, 3, 4]);
    expect(maxConcurrent).toBe(1);
  });

  it('runs different keys in parallel up to the limit', async () => {
    const scheduler = new KeyedScheduler(2);
    let concurrent = 0;
    let maxConcurrent = 0;
    const started: Array<Promise<void>> = [];
    for (const key of ['a', 'b', 'c', 'd']) {
      await scheduler.whenSlotFree();
      started.push(
        scheduler.run(key, async () => {
          concurrent += 1;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await tick(10);
          concurrent -= 1;
        }),
      );
    }
    await Promise.all(started);
    expect(maxConcurrent).toBe(2);
  });

  it('keeps going after a task of the same key failed', async () => {
    const scheduler = new KeyedScheduler(4);
    const done: string[] = [];
    await Promise.all([
      scheduler.run('a', async () => {
        throw new Error('boom');
      }),
      scheduler.run('a', async () => {
        done.push('second');
      }),
    ]);
    expect(done).toEqual(['second']);
  });

  it('tells when it is idle, or that it timed out', async () => {
    const scheduler = new KeyedScheduler(1);
    void scheduler.run('a', async () => {
      await tick(50);
    });
    expect(await scheduler.idle(5)).toBe(false);
    expect(await scheduler.idle(500)).toBe(true);
  });
});
