/**
 * What checking answers against their output schemas costs the server's CPU: each schema parsed on a typical
 * answer, N times after a warm-up, in µs per call. `parseAsync` is what tRPC's `.output()` calls.
 *
 *   node --import tsx src/tools/output-validation-bench.ts [--calls 100000] [--jitless]
 *
 * `--jitless` uses zod's interpreted parsers (as the web app must), instead of the compiled ones the server uses.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { config } from "zod";

const { values } = parseArgs({
  options: { calls: { type: "string", default: "100000" }, jitless: { type: "boolean" } },
});
const calls = Number(values.calls);
// Before the schemas are built: zod decides how to parse an object schema when it is made.
if (values.jitless) config({ jitless: true });
const { holdOutput, queueStatusOutput, seatMapOutput } = await import("@frontrow/validators/outputs");

const eventId = randomUUID();
const sectionId = randomUUID();
const hold = {
  seq: 48_213,
  holdId: `${eventId}.${randomUUID()}`,
  eventId,
  seatIds: [randomUUID(), randomUUID()],
  seatIndexes: [1_204, 1_205],
  layoutVersion: "3-1765099200000",
  sections: [],
  expiresAt: new Date(),
};
const waiting = {
  state: "waiting" as const,
  position: 18_250,
  ahead: 18_249,
  etaSeconds: 912,
  startsAt: new Date(),
  fairness: { seedHash: "9f2c".repeat(16) },
};
const seats = Array.from({ length: 20_000 }, (_, i) => ({
  id: randomUUID(),
  sectionId,
  row: String.fromCharCode(65 + (i % 26)),
  number: i % 40,
  x: i % 200,
  y: Math.floor(i / 200),
  tierId: sectionId,
  accessible: false,
  companion: false,
  restrictedView: false,
  status: "available" as const,
  mine: false,
}));
const seatMap = {
  eventId,
  seq: 48_213,
  venue: { id: randomUUID(), name: "Arena", width: 1000, height: 800, stage: "M0 0" },
  tiers: [{ id: sectionId, name: "Floor", priceCents: 9_900, color: "#f00" }],
  sections: [
    {
      id: sectionId,
      name: "Floor",
      kind: "reserved" as const,
      capacity: 20_000,
      available: 20_000,
      tierId: sectionId,
      outline: "M0 0",
      labelX: 0,
      labelY: 0,
    },
  ],
  seats,
};

/** CPU time per call (not wall time: a busy shared machine starves the process, it does not slow the CPU). */
function report(name: string, n: number, cpu: NodeJS.CpuUsage) {
  const micros = (cpu.user + cpu.system) / n;
  console.log(`${name.padEnd(48)} ${micros.toFixed(3)} µs/call  (${n} calls, CPU time)`);
}

function measure(name: string, n: number, call: () => unknown) {
  for (let i = 0; i < Math.min(n, 10_000); i++) call();
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) call();
  report(name, n, process.cpuUsage(started));
}

async function measureAsync(name: string, n: number, call: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(n, 10_000); i++) await call();
  const started = process.cpuUsage();
  for (let i = 0; i < n; i++) await call();
  report(name, n, process.cpuUsage(started));
}

console.log(
  `zod ${values.jitless ? "jitless (interpreted)" : "compiled (the server's default)"}, node ${process.version}`,
);
measure("holds.create: holdOutput.parse", calls, () => holdOutput.parse(hold));
// The loop's own cost with an await per call, to subtract from the next.
await measureAsync("baseline: await of a resolved promise", calls, () => Promise.resolve(hold));
await measureAsync("holds.create: holdOutput.parseAsync (tRPC's call)", calls, () =>
  holdOutput.parseAsync(hold),
);
measure("queue.status (waiting): queueStatusOutput.parse", calls, () => queueStatusOutput.parse(waiting));
measure("seats.map, 20 000 seats: seatMapOutput.parse", Math.max(1, Math.floor(calls / 1000)), () =>
  seatMapOutput.parse(seatMap),
);
