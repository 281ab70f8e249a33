/** The q-quantile (0..1) of a sample, by nearest rank: a value that was actually measured. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError('No samples.');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] as number;
}

export interface Latency {
  p50: number;
  p95: number;
}

export function latency(samples: readonly number[]): Latency {
  return { p50: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
}

export function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
