/** Percentile by nearest rank on a copy; p in [0, 100]. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Summary {
  p50: number;
  p95: number;
}

export function summarize(samples: readonly number[]): Summary {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export function ratio(measured: Summary, baseline: Summary): Summary {
  return { p50: measured.p50 / baseline.p50, p95: measured.p95 / baseline.p95 };
}

/**
 * Runs each variant in turn, round after round, so drift in the machine hits both alike. A sample
 * is how long the run took, or the milliseconds it returns when it measures a part of itself.
 */
export async function interleave(
  rounds: number,
  variants: Record<string, (round: number) => Promise<number | void> | number | void>,
): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const start = process.hrtime.bigint();
      const measured = await run(round);
      samples[name]!.push(typeof measured === 'number' ? measured : Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return samples;
}
