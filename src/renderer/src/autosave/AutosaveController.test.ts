import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AutosaveController, type AutosaveOptions } from './AutosaveController';

interface Deferred {
  resolve(): void;
  reject(error: unknown): void;
}

/** A fake store: records each write's snapshot and lets the test settle writes one by one. */
function fakeSave() {
  let content = 0;
  const writes: number[] = [];
  const pending: Deferred[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const options: AutosaveOptions<number> = {
    take: vi.fn(() => content),
    write: vi.fn(
      (snapshot: number) =>
        new Promise<void>((resolve, reject) => {
          writes.push(snapshot);
          inFlight += 1;
          maxInFlight = Math.max(maxInFlight, inFlight);
          const settle = () => {
            inFlight -= 1;
          };
          pending.push({
            resolve: () => {
              settle();
              resolve();
            },
            reject: (error) => {
              settle();
              reject(error);
            },
          });
        }),
    ),
    isFatal: (error) => error instanceof Error && error.message === 'CONFLICT',
  };
  return {
    options,
    writes,
    edit(controller: AutosaveController<number>) {
      content += 1;
      controller.markChanged();
    },
    get content() {
      return content;
    },
    async resolveNext() {
      const next = pending.shift();
      if (!next) throw new Error('no write in flight');
      next.resolve();
      await vi.advanceTimersByTimeAsync(0);
    },
    async rejectNext(error: unknown) {
      const next = pending.shift();
      if (!next) throw new Error('no write in flight');
      next.reject(error);
      await vi.advanceTimersByTimeAsync(0);
    },
    get pendingCount() {
      return pending.length;
    },
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

describe('AutosaveController', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts out saved and becomes unsaved on the first change', () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    expect(controller.getStatus().state).toBe('saved');
    fake.edit(controller);
    expect(controller.getStatus().state).toBe('unsaved');
    expect(fake.options.take).not.toHaveBeenCalled();
  });

  it('waits for typing to pause, then writes once, well within one second', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(300);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(300);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(699);
    expect(fake.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.writes).toEqual([3]);
    expect(controller.getStatus().state).toBe('saving');
    await fake.resolveNext();
    expect(controller.getStatus().state).toBe('saved');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.writes).toEqual([3]);
  });

  it('still writes during continuous typing', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    for (let i = 0; i < 30; i += 1) {
      fake.edit(controller);
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(fake.writes.length).toBeGreaterThanOrEqual(1);
  });

  it('never runs two saves at once and runs a queued one right after', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(700);
    expect(fake.writes).toEqual([1]);

    fake.edit(controller);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(700);
    void controller.flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.pendingCount).toBe(1);
    expect(fake.writes).toEqual([1]);

    await fake.resolveNext();
    expect(fake.writes).toEqual([1, 3]);
    await fake.resolveNext();
    expect(fake.maxInFlight).toBe(1);
    expect(controller.getStatus().state).toBe('saved');
  });

  it('takes the snapshot when the save starts, not when the change happens', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    for (let i = 0; i < 5; i += 1) fake.edit(controller);
    expect(fake.options.take).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(700);
    expect(fake.options.take).toHaveBeenCalledTimes(1);
    expect(fake.writes).toEqual([5]);
  });

  it('never claims saved for a change made while a save was in flight', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    const seen: string[] = [];
    controller.subscribe(() => seen.push(`${controller.getStatus().state}@${fake.content}`));

    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(700);
    fake.edit(controller); // content 2 is not in the write that is in flight
    await fake.resolveNext();
    expect(controller.getStatus().state).not.toBe('saved');
    expect(seen.filter((entry) => entry === 'saved@2')).toEqual([]);

    await vi.advanceTimersByTimeAsync(700);
    expect(fake.writes).toEqual([1, 2]);
    await fake.resolveNext();
    expect(controller.getStatus().state).toBe('saved');
    expect(controller.hasUnsavedChanges).toBe(false);
  });

  it('retries a failed save with growing delays and then reports saved', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController({ ...fake.options, retryDelaysMs: [1_000, 2_000] });
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(700);
    await fake.rejectNext(new Error('offline'));
    expect(controller.getStatus().state).toBe('error');
    expect(controller.getStatus().retryAt).not.toBeNull();

    await vi.advanceTimersByTimeAsync(999);
    expect(fake.writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.writes).toHaveLength(2);
    await fake.rejectNext(new Error('offline'));

    await vi.advanceTimersByTimeAsync(1_999);
    expect(fake.writes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.writes).toHaveLength(3);
    await fake.resolveNext();
    expect(controller.getStatus()).toMatchObject({ state: 'saved', error: null, retryAt: null });
  });

  it('stops on a fatal error (conflict) and keeps reporting it', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(700);
    await fake.rejectNext(new Error('CONFLICT'));
    expect(controller.getStatus()).toMatchObject({ state: 'error', stopped: true });

    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fake.writes).toHaveLength(1);
    await expect(controller.flush()).resolves.toBe(false);
    expect(controller.getStatus().state).toBe('error');
  });

  it('flush writes at once and resolves when the latest change is acknowledged', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    await expect(controller.flush()).resolves.toBe(true);
    expect(fake.writes).toEqual([]);

    fake.edit(controller);
    let flushed: boolean | undefined;
    void controller.flush().then((value) => (flushed = value));
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.writes).toEqual([1]);
    expect(flushed).toBeUndefined();
    await fake.resolveNext();
    expect(flushed).toBe(true);
    // The debounce timer of that change must not cause a second, empty write.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fake.writes).toEqual([1]);
  });

  it('a flush asked for during a save waits for the save that covers it', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(700);
    fake.edit(controller);
    let flushed: boolean | undefined;
    void controller.flush().then((value) => (flushed = value));
    await fake.resolveNext();
    expect(flushed).toBeUndefined();
    expect(fake.writes).toEqual([1, 2]);
    await fake.resolveNext();
    expect(flushed).toBe(true);
  });

  it('flush reports a failed save as false while retries continue', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    fake.edit(controller);
    const flushed = controller.flush();
    await vi.advanceTimersByTimeAsync(0);
    await fake.rejectNext(new Error('offline'));
    await expect(flushed).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.writes).toHaveLength(2);
  });

  it('dispose stops pending timers', async () => {
    const fake = fakeSave();
    const controller = new AutosaveController(fake.options);
    fake.edit(controller);
    controller.dispose();
    fake.edit(controller);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(fake.writes).toEqual([]);
  });
});
