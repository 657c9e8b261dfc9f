import { summarizeLatency, type LatencySummary } from "./latency-summary";

/**
 * Counters, latency samples and gauges of one scenario. Counters also keep a per-second timeline (seconds since
 * the recorder started), which is what the throughput charts plot.
 */
export class Recorder {
  readonly startedAt = performance.now();
  private readonly counters = new Map<string, number>();
  private readonly timelines = new Map<string, number[]>();
  private readonly samples = new Map<string, number[]>();
  private readonly gauges = new Map<string, Array<[number, number]>>();

  /** Seconds since the recorder started. */
  elapsed(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  count(name: string, n = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + n);
    const second = Math.floor(this.elapsed());
    let timeline = this.timelines.get(name);
    if (!timeline) this.timelines.set(name, (timeline = []));
    while (timeline.length <= second) timeline.push(0);
    timeline[second] = (timeline[second] ?? 0) + n;
  }

  latency(name: string, ms: number): void {
    let list = this.samples.get(name);
    if (!list) this.samples.set(name, (list = []));
    list.push(ms);
  }

  gauge(name: string, value: number, at = this.elapsed()): void {
    let list = this.gauges.get(name);
    if (!list) this.gauges.set(name, (list = []));
    list.push([at, value]);
  }

  total(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  /** Per-second counts of `name`, padded to `seconds`. */
  timeline(name: string, seconds?: number): number[] {
    const timeline = [...(this.timelines.get(name) ?? [])];
    while (seconds !== undefined && timeline.length < seconds) timeline.push(0);
    return seconds === undefined ? timeline : timeline.slice(0, seconds);
  }

  latencySamples(name: string): number[] {
    return this.samples.get(name) ?? [];
  }

  /** A latency histogram's series: the samples of each recorded name, under its label (`{ label: name }`). */
  latencySeries(nameByLabel: Record<string, string>): Array<{ name: string; samples: number[] }> {
    return Object.entries(nameByLabel).map(([label, name]) => ({
      name: label,
      samples: this.latencySamples(name),
    }));
  }

  summary(name: string): LatencySummary {
    return summarizeLatency(this.latencySamples(name));
  }

  gaugeSeries(name: string): Array<[number, number]> {
    return this.gauges.get(name) ?? [];
  }

  counterNames(): string[] {
    return [...this.counters.keys()];
  }
}
