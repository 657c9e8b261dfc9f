export interface InstanceMemory {
  /** V8 heap in use (live objects plus garbage not yet collected). */
  heapUsedMb: number;
  /** Memory outside the V8 heap that JS objects own (socket and message buffers). */
  externalMb: number;
  /** Open WebSocket connections (`frontrow_websocket_connections`). */
  websockets: number;
}

const gauge = (text: string, name: string) =>
  Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);

/** An instance's memory gauges from its /metrics (prom-client's process metrics); undefined if it does not answer. */
export async function scrapeMemory(url: string): Promise<InstanceMemory | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    return {
      heapUsedMb: gauge(text, "nodejs_heap_size_used_bytes") / 2 ** 20,
      externalMb: gauge(text, "nodejs_external_memory_bytes") / 2 ** 20,
      websockets: gauge(text, "frontrow_websocket_connections"),
    };
  } catch {
    return undefined;
  }
}
