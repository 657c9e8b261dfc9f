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
  let seatMapWatchers = () => 0;
  new Gauge({
    name: "frontrow_seat_map_watchers",
    help: "Live seat-map subscriptions served by this process's seat-change hub",
    registers: [registry],
    collect() {
      this.set(seatMapWatchers());
    },
  });
  return {
    registry,
    /** Where the seat-map watcher gauge reads its count (the app's seat-change hub). */
    countSeatMapWatchers(count: () => number) {
      seatMapWatchers = count;
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
