import { describe, expect, it } from 'vitest';
import { interleave, percentile, ratio, summarize } from './stats';

describe('bench statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it('reports ratios against the baseline', () => {
    expect(ratio({ p50: 3, p95: 6 }, { p50: 2, p95: 4 })).toEqual({ p50: 1.5, p95: 1.5 });
    expect(summarize([1, 2, 3, 4])).toEqual({ p50: 2, p95: 4 });
  });

  it('alternates variants round by round', async () => {
    const order: string[] = [];
    const samples = await interleave(3, { a: () => void order.push('a'), b: () => void order.push('b') });
    expect(order.join('')).toBe('ababab');
    expect(samples.a).toHaveLength(3);
  });
});
