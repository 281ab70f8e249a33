import { describe, expect, it } from 'vitest';
import { pauseTimer } from './pauseTimer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('pauseTimer', () => {
  it('runs once, a full pause after the last touch of a burst', async () => {
    const runs: number[] = [];
    const pause = pauseTimer(60, () => runs.push(performance.now()));
    let last = 0;
    for (let i = 0; i < 8; i++) {
      pause.touch();
      last = performance.now();
      await sleep(15);
    }
    expect(runs).toEqual([]);
    await sleep(120);
    expect(runs).toHaveLength(1);
    expect(runs[0]! - last).toBeGreaterThanOrEqual(59);
  });

  it('runs sooner when asked, and not at all once cancelled', async () => {
    let runs = 0;
    const pause = pauseTimer(200, () => (runs += 1));
    pause.touch();
    pause.runIn(0);
    await sleep(30);
    expect(runs).toBe(1);
    pause.touch();
    pause.cancel();
    await sleep(250);
    expect(runs).toBe(1);
  });
});
