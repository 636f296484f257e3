// A latency histogram with the C# load generator's buckets: 10 µs up to 10 ms, then 1 ms up to 10 s; anything
// slower lands in the last bucket. Percentiles are the upper edge of their bucket, so both generators round alike.
const fineBuckets = 1_000; // 0..10 ms in 10 µs steps
const coarseBuckets = 9_991; // 10 ms..10 s in 1 ms steps, plus overflow

export class Histogram {
  constructor() {
    this.counts = new Float64Array(fineBuckets + coarseBuckets);
    this.recording = false;
  }

  /** Records one sample of `micros` microseconds, if recording. */
  record(micros) {
    if (!this.recording) {
      return;
    }
    const index = micros < 10_000
      ? Math.max(0, Math.floor(micros / 10))
      : Math.min(fineBuckets + Math.floor((micros - 10_000) / 1_000), this.counts.length - 1);
    this.counts[index]++;
  }

  get count() {
    let total = 0;
    for (const c of this.counts) {
      total += c;
    }
    return total;
  }

  /** The latency at quantile q (0..1) in milliseconds, NaN when empty. */
  percentileMs(q) {
    const total = this.count;
    if (total === 0) {
      return NaN;
    }
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (let i = 0; i < this.counts.length; i++) {
      seen += this.counts[i];
      if (seen >= rank) {
        return i < fineBuckets ? (i + 1) * 0.01 : 10 + (i - fineBuckets + 1);
      }
    }
    return Infinity;
  }
}
