import type { Chart } from "../report/chart";

/**
 * Scrapes each server instance's /metrics every 2 s for the event-loop delay (prom-client resets its histogram
 * at each scrape, so the max is the worst stall within those 2 s). A blocked event loop delays every request.
 */
export class EventLoopSampler {
  private readonly series = new Map<string, Array<[number, number]>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly instances: () => Array<{ label: string; url: string; running: boolean }>,
    private readonly now: () => number,
  ) {
    this.timer = setInterval(() => void this.sample(), 2_000);
    this.timer.unref();
  }

  private async sample(): Promise<void> {
    const t = this.now();
    await Promise.all(
      this.instances().map(async ({ label, url, running }) => {
        if (!running) return;
        try {
          const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(1_500) })).text();
          const max = /^nodejs_eventloop_lag_max_seconds (\S+)$/m.exec(text);
          if (!max) return;
          let points = this.series.get(label);
          if (!points) this.series.set(label, (points = []));
          points.push([t, Number(max[1]) * 1000]);
        } catch {
          // down or too busy to answer: the gap in the chart shows it
        }
      }),
    );
  }

  /** Max event-loop delay of each instance over [from, to] (run clock), ms. */
  maxIn(from: number, to: number): Map<string, number> {
    const out = new Map<string, number>();
    for (const [label, points] of this.series) {
      const values = points.filter(([t]) => t >= from && t <= to + 2).map(([, v]) => v);
      if (values.length) out.set(label, Math.max(...values));
    }
    return out;
  }

  chart(spans: Array<{ from: number; to: number; label: string }>): Chart {
    return {
      kind: "line",
      title: "Event-loop delay per server instance (worst stall in each 2 s)",
      xLabel: "seconds since start",
      yLabel: "ms",
      series: [...this.series].map(([name, points]) => ({ name, points })),
      spans,
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
