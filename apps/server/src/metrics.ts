import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/** Prometheus metrics of one server instance (its own registry, so tests can run several). */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const procedureCalls = new Counter({
    name: "frontrow_trpc_calls_total",
    help: "tRPC procedure calls by path, type and result code",
    labelNames: ["path", "type", "code"] as const,
    registers: [registry],
  });
  const procedureDuration = new Histogram({
    name: "frontrow_trpc_duration_seconds",
    help: "tRPC procedure latency by path and type",
    labelNames: ["path", "type"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const httpRequests = new Counter({
    name: "frontrow_http_requests_total",
    help: "HTTP requests by route group and status",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  const wsConnections = new Gauge({
    name: "frontrow_websocket_connections",
    help: "Open WebSocket connections",
    registers: [registry],
  });
  const wsConnectionsTotal = new Counter({
    name: "frontrow_websocket_connections_total",
    help: "WebSocket connections accepted since start",
    registers: [registry],
  });
  let liveSubscriptions = (): Record<string, number> => ({});
  new Gauge({
    name: "frontrow_live_subscriptions",
    help: "Live subscriptions served beside tRPC by this process's hubs (seat changes, organizer changes), by path",
    labelNames: ["path"] as const,
    registers: [registry],
    collect() {
      for (const [path, count] of Object.entries(liveSubscriptions())) this.set({ path }, count);
    },
  });
  return {
    registry,
    /** Where the live-subscription gauge reads its counts by path (the app's hubs). */
    countLiveSubscriptions(count: () => Record<string, number>) {
      liveSubscriptions = count;
    },
    httpRequests,
    wsConnections,
    wsConnectionsTotal,
    observeProcedure(call: { path: string; type: string; durationMs: number; code: string }) {
      procedureCalls.inc({ path: call.path, type: call.type, code: call.code });
      procedureDuration.observe({ path: call.path, type: call.type }, call.durationMs / 1000);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
