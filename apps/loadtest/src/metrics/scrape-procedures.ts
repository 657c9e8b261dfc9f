export interface ProcedureStats {
  calls: number;
  sumSeconds: number;
  /** Cumulative counts per bucket upper bound (seconds), as Prometheus keeps them. */
  buckets: Map<number, number>;
}

const LINE = /^frontrow_trpc_duration_seconds_(bucket|sum|count)\{([^}]*)\} ([\d.eE+-]+|NaN|\+Inf)$/;

/**
 * Reads `frontrow_trpc_duration_seconds` from each instance's /metrics and sums it over the instances, per
 * procedure: the server's own view of how long each call took (without the client's queueing).
 */
export async function scrapeProcedures(urls: readonly string[]): Promise<Map<string, ProcedureStats>> {
  const stats = new Map<string, ProcedureStats>();
  await Promise.all(
    urls.map(async (url) => {
      let text: string;
      try {
        text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
      } catch {
        return; // an instance that is down has no metrics
      }
      for (const line of text.split("\n")) {
        const match = LINE.exec(line);
        if (!match) continue;
        const [, kind, labelText, valueText] = match;
        const labels = Object.fromEntries(
          [...(labelText ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
        );
        const path = labels.path ?? "?";
        let entry = stats.get(path);
        if (!entry) stats.set(path, (entry = { calls: 0, sumSeconds: 0, buckets: new Map() }));
        const value = Number(valueText);
        if (kind === "count") entry.calls += value;
        else if (kind === "sum") entry.sumSeconds += value;
        else {
          const le = labels.le === "+Inf" ? Number.POSITIVE_INFINITY : Number(labels.le);
          entry.buckets.set(le, (entry.buckets.get(le) ?? 0) + value);
        }
      }
    }),
  );
  return stats;
}
