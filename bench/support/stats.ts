/** Latency figures of a set of samples, in milliseconds (rounded to 0.01 ms). */
export interface LatencySummary {
  samples: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Nearest-rank percentile of ascending samples. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** Exact percentiles (every sample kept and sorted): fine for some hundred thousand samples. */
export function summariseLatencies(valuesMs: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(valuesMs).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    samples: sorted.length,
    mean: round2(sorted.length ? sum / sorted.length : 0),
    p50: round2(percentile(sorted, 50)),
    p90: round2(percentile(sorted, 90)),
    p99: round2(percentile(sorted, 99)),
    max: round2(sorted.length ? sorted[sorted.length - 1] : 0),
  };
}

/** Wall-clock time in milliseconds with sub-millisecond resolution (comparable to PostgreSQL's clock_timestamp()). */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** How many of the times fall in each whole second after `startMs`. */
export function perSecond(timesMs: ArrayLike<number>, startMs: number): number[] {
  const counts: number[] = [];
  for (let i = 0; i < timesMs.length; i += 1) {
    const second = Math.max(0, Math.floor((timesMs[i] - startMs) / 1000));
    while (counts.length <= second) counts.push(0);
    counts[second] += 1;
  }
  return counts;
}
