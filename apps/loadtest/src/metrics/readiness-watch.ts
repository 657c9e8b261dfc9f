export interface ReadinessSample {
  /** On the caller's clock (`now`), when the probe was sent. */
  t: number;
  label: string;
  /** GET /readyz answered 2xx within two seconds (an instance answers 503 after one when a dependency hangs). */
  ready: boolean;
  /** When not ready: what the instance said (its /readyz body), or that it refused or did not answer in time. */
  why?: string;
}

/**
 * Polls every instance's /readyz a few times a second: when an instance stops being ready during a drill (it died,
 * or lost Postgres or Redis) and when it is ready again.
 */
export class ReadinessWatch {
  readonly samples: ReadinessSample[] = [];
  private readonly timer: NodeJS.Timeout;
  private probing = false;

  constructor(
    private readonly instances: () => Array<{ label: string; url: string }>,
    private readonly now: () => number,
    intervalMs = 250,
  ) {
    this.timer = setInterval(() => void this.probe(), intervalMs);
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    const t = this.now();
    await Promise.all(
      this.instances().map(async ({ label, url }) => {
        let ready = false;
        let why: string | undefined;
        try {
          const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
          ready = response.ok;
          if (!ready) why = `${response.status} ${await response.text()}`;
        } catch (error) {
          why = error instanceof Error && error.name === "TimeoutError" ? "no answer within 2 s" : "refused";
        }
        this.samples.push(why === undefined ? { t, label, ready } : { t, label, ready, why });
      }),
    );
    this.probing = false;
  }

  /** Whether every instance answered ready to the latest probe. */
  allReady(): boolean {
    const latest = new Map<string, ReadinessSample>();
    for (const sample of this.samples) {
      const seen = latest.get(sample.label);
      if (!seen || sample.t >= seen.t) latest.set(sample.label, sample);
    }
    return [...latest.values()].every((sample) => sample.ready);
  }

  /** Why the instance was not ready at its latest probe (undefined when it was ready). */
  lastWhy(label: string): string | undefined {
    const own = this.samples.filter((sample) => sample.label === label);
    return own.at(-1)?.why;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
