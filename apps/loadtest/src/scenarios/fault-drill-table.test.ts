import { describe, expect, it } from "vitest";
import { faultDrillTable, type DrillRecord } from "./fault-drill-table";

const record: DrillRecord = {
  drills: [
    { name: "Redis restarted", at: 6, detail: "killed and started empty" },
    { name: "kill -9 server-2", at: 2, detail: "SIGKILL" },
  ],
  skipped: [{ name: "Postgres restart", reason: "no initdb under /usr/lib/postgresql/*/bin" }],
  outcomes: [
    { kind: "hold", fan: 2, sentAt: 1.9, at: 2.05 },
    { kind: "hold", fan: 2, sentAt: 2.1, at: 2.3 },
    { kind: "hold", fan: 0, sentAt: 2.4, at: 2.5, code: "NETWORK:ECONNREFUSED", resent: true },
    { kind: "hold", fan: 0, sentAt: 2.7, at: 3.0 },
    { kind: "checkout", fan: 1, sentAt: 2.9, at: 3.0, code: "TIMEOUT", resent: true },
    { kind: "checkout", fan: 1, sentAt: 3.1, at: 3.5, code: "TIMEOUT" },
    { kind: "checkout", fan: 2, sentAt: 2.5, at: 4.0, firstSentAt: 2.2 },
    { kind: "checkout", fan: 0, sentAt: 6.1, at: 6.5, code: "INTERNAL_SERVER_ERROR" },
    { kind: "hold", fan: 0, sentAt: 7.0, at: 7.5 },
  ],
  readiness: [
    { t: 1.0, label: "server-1", ready: true },
    { t: 1.0, label: "server-2", ready: true },
    { t: 2.2, label: "server-1", ready: true },
    { t: 2.2, label: "server-2", ready: false },
    { t: 2.7, label: "server-2", ready: false },
    { t: 3.4, label: "server-2", ready: true },
    { t: 6.5, label: "server-1", ready: true },
    { t: 6.5, label: "server-2", ready: true },
  ],
  reconnects: [
    { closedAt: 6.1, ms: 300 },
    { closedAt: 6.2, ms: 500 },
    { closedAt: 1.0, ms: 9_000 },
  ],
  refetchNotices: [1.0, 6.3, 6.3],
  end: 10,
};

describe("faultDrillTable", () => {
  const table = faultDrillTable(record);
  const [kill, redis, skipped] = table.rows;

  it("has a row per drill in time order, then the skipped drills with their reason", () => {
    expect(table.rows).toHaveLength(3);
    expect(kill?.[0]).toBe("2.0 s: kill -9 server-2");
    expect(redis?.[0]).toBe("6.0 s: Redis restarted");
    expect(skipped?.slice(0, 2)).toEqual([
      "skipped: Postgres restart",
      "no initdb under /usr/lib/postgresql/*/bin",
    ]);
    expect(table.columns).toHaveLength(kill!.length);
  });

  it("counts the errors up to the next drill by request and code, and those resent, and times resent checkouts", () => {
    expect(kill?.[2]).toBe(
      "checkout: TIMEOUT ×2, hold: NETWORK:ECONNREFUSED ×1; 2 resent to another instance" +
        "; resent checkouts got their order in p50 1,800 ms, max 1,800 ms after first sent (max 1,800 ms after the fault)",
    );
    expect(redis?.[2]).toBe("checkout: INTERNAL_SERVER_ERROR ×1");
  });

  it("times a resent checkout from the fault too, when it was first sent before the fault began", () => {
    const [row] = faultDrillTable({
      ...record,
      drills: [{ name: "kill -9 server-2", at: 2, detail: "SIGKILL" }],
      skipped: [],
      outcomes: [
        { kind: "checkout", fan: 3, sentAt: 1.5, at: 2.1, code: "NETWORK:ECONNRESET", resent: true },
        { kind: "checkout", fan: 3, sentAt: 2.4, at: 4.5, firstSentAt: 1.5 },
      ],
    }).rows;
    expect(row?.[2]).toBe(
      "checkout: NETWORK:ECONNRESET ×1; 1 resent to another instance" +
        "; resent checkouts got their order in p50 3,000 ms, max 3,000 ms after first sent (max 2,500 ms after the fault)",
    );
  });

  it("times each affected fan from its first error to its next success, and counts those never back", () => {
    expect(kill?.[3]).toBe("2 fans; back to a success in p50 500 ms, max 500 ms; 1 never");
    expect(redis?.[3]).toBe("1 fans; back to a success in p50 1,000 ms, max 1,000 ms");
  });

  it("says so when no fan with an error got a success again", () => {
    const late = faultDrillTable({
      ...record,
      drills: [{ name: "faults-server-1 crashed", at: 9, detail: "exit code 1" }],
      outcomes: [{ kind: "checkout", fan: 3, sentAt: 9.1, at: 9.5, code: "TIMEOUT" }],
    });
    expect(late.rows[0]?.[3]).toBe("1 fans; none got a success again before the load stopped");
  });

  it("finds the first success of a request sent after the fault began", () => {
    expect(kill?.[4]).toBe("hold +0.3 s, checkout +2.0 s");
    expect(redis?.[4]).toBe("hold +1.5 s, checkout never");
  });

  it("times it from the end of a fault that lasted too, as recovery is measured", () => {
    const [postgres] = faultDrillTable({
      ...record,
      drills: [{ name: "Postgres restarted", at: 2, endedAt: 3.5, detail: "down 1 s" }],
      skipped: [],
    }).rows;
    expect(postgres?.[4]).toBe("hold +0.3 s (before it was over), checkout +2.0 s (+0.5 s after it was over)");
  });

  it("shows when an instance stopped answering /readyz and when it was ready again", () => {
    expect(kill?.[5]).toBe("not ready: server-2 +0.2 s → +1.4 s");
    expect(redis?.[5]).toBe("all ready throughout");
  });

  it("counts watcher reconnects and refetch notices in the drill's window only", () => {
    expect(kill?.[6]).toBe("no reconnects; 0 told to refetch");
    expect(redis?.[6]).toBe("2 reconnected in p50 300 ms, max 500 ms; 2 told to refetch");
  });
});
