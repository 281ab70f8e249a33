import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs once more after a run, however many calls came during it, and each call sees a later run end', async () => {
    let runs = 0;
    const gates: (() => void)[] = [];
    const reload = coalesce(async () => {
      runs++;
      await new Promise<void>((done) => gates.push(done));
    });
    const first = reload();
    const during = [reload(), reload(), reload()];
    expect(runs).toBe(1);
    gates.shift()!();
    await new Promise((done) => setTimeout(done, 0));
    expect(runs).toBe(2);
    gates.shift()!();
    await Promise.all([first, ...during]);
    expect(runs).toBe(2);
    // Quiet again: the next call runs at once.
    const later = reload();
    expect(runs).toBe(3);
    gates.shift()!();
    await later;
  });

  it('keeps going after a failed run', async () => {
    let runs = 0;
    const reload = coalesce(async () => {
      runs++;
      if (runs === 1) throw new Error('mất kết nối');
    });
    await expect(reload()).rejects.toThrow('mất kết nối');
    await reload();
    expect(runs).toBe(2);
  });
});
