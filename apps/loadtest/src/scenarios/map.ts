import { existsSync } from "node:fs";
import { Agent, request } from "node:http";
import path from "node:path";
import type postgres from "postgres";
import chromiumFlags from "@frontrow/config/chromium.json" with { type: "json" };
import { chromium, type Browser } from "playwright-core";
import { openCpuWindow, type CpuSource } from "../metrics/cpu-window";
import { summarizeLatency, type LatencySummary } from "../metrics/latency-summary";
import { paths } from "../paths";
import { format } from "../report/format";
import { runPool } from "../util/run-pool";
import { sleep } from "../util/sleep";
import type { Scenario, ScenarioContext, Table } from "./scenario";

/** The phone the targets are set for: a desktop CPU slowed 4× (Chrome DevTools' "mid-tier mobile"). */
const CPU_THROTTLE = 4;
const STADIUM_SEATS = 50_000;
const CHANGES_PER_SECOND = 1_000;
/** Seats per hold: the arena's per-fan limit. */
const CHANGE_BATCH = 8;
const CHURN_FANS = 40;
const FRAME_WINDOW_MS = 8_000;
const BROWSER_RUNS = 3;
/**
 * Concurrent `seats.map` loads at most: at 1,000 the two instances grew past 5 GB of RSS each and had not answered
 * after ten minutes (each request builds, serializes and gzips the 4.5 MB map on its own).
 */
const SEATS_MAP_CONCURRENT = 100;
interface Wire {
  status: number;
  bytes: number;
  encoding: string;
}

/** One GET as a browser sends it (gzip accepted), with the bytes that crossed the wire. */
function getBytes(url: string, agent: Agent, encoding = "gzip"): Promise<Wire> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: { "accept-encoding": encoding } }, (response) => {
      let bytes = 0;
      response.on("data", (chunk: Buffer) => (bytes += chunk.length));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, bytes, encoding: String(response.headers["content-encoding"] ?? "none") }),
      );
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

interface FirstLoad {
  name: string;
  /** Fans at once at most (default: all). */
  maxConcurrent?: number;
  /** The requests a browser makes for a map it has never seen, all at once. */
  urls(base: string, eventId: string): string[];
}

const LOADS: FirstLoad[] = [
  {
    name: "seats.map (one tRPC query)",
    maxConcurrent: SEATS_MAP_CONCURRENT,
    urls: (base, eventId) => [`${base}/trpc/seats.map?input=${encodeURIComponent(JSON.stringify({ json: { eventId } }))}`],
  },
  {
    name: "layout + status",
    urls: (base, eventId) => [`${base}/api/events/${eventId}/layout`, `${base}/api/events/${eventId}/status`],
  },
  {
    name: "layout + seat ids + status",
    urls: (base, eventId) => [
      `${base}/api/events/${eventId}/layout`,
      `${base}/api/events/${eventId}/seat-ids`,
      `${base}/api/events/${eventId}/status`,
    ],
  },
];

/**
 * A stadium of `STADIUM_SEATS` seats generated from the arena: copies of its bowls side by side (outlines left out,
 * seats and labels moved), with an event on sale copied from the arena's.
 */
export async function generateStadium(sql: postgres.Sql, arenaEventId: string): Promise<string> {
  return sql.begin(async (tx) => {
    const [arena] = await tx<Array<{ venue_id: string; width: number; height: number }>>`
      select e.venue_id, v.width, v.height from events e join venues v on v.id = e.venue_id where e.id = ${arenaEventId}`;
    const { venue_id: arenaVenue, width, height } = arena!;
    const [venue] = await tx<Array<{ id: string }>>`
      insert into venues (name, city, country, address, timezone, width, height, stage)
      select 'Generated Stadium', city, country, address, timezone, width * 2, height * 2, stage from venues where id = ${arenaVenue}
      returning id`;
    await tx`
      create temp table stadium_sections on commit drop as
      select s.id, s.name, s.kind, s.capacity, s.label_x, s.label_y, s.sort_order, copy, gen_random_uuid() as new_id,
        sum(s.capacity) over (order by copy, s.sort_order, s.id) as running
      from sections s, generate_series(0, 3) as copy where s.venue_id = ${arenaVenue}`;
    await tx`delete from stadium_sections where running > ${STADIUM_SEATS}`;
    await tx`
      insert into sections (id, venue_id, name, kind, capacity, outline, label_x, label_y, sort_order)
      select new_id, ${venue!.id}, 'S' || (copy + 1) || '-' || name, kind, capacity, '',
        label_x + (copy % 2) * ${width}, label_y + (copy / 2) * ${height}, copy * 1000 + sort_order
      from stadium_sections`;
    await tx`
      create temp table stadium_seats on commit drop as
      select st.id, gen_random_uuid() as new_id, ss.new_id as section_id, st.row, st.number,
        st.x + (ss.copy % 2) * ${width} as x, st.y + (ss.copy / 2) * ${height} as y,
        st.accessible, st.companion, st.restricted_view
      from seats st join stadium_sections ss on ss.id = st.section_id`;
    await tx`
      insert into seats (id, venue_id, section_id, row, number, x, y, accessible, companion, restricted_view)
      select new_id, ${venue!.id}, section_id, row, number, x, y, accessible, companion, restricted_view from stadium_seats`;
    const [event] = await tx<Array<{ id: string }>>`
      insert into events (venue_id, name, performer, category, description, starts_at, doors_at, on_sale_at, status,
        per_fan_limit, hold_seconds, fee_cents, currency, search_text)
      select ${venue!.id}, 'Generated Stadium Night', performer, category, description, starts_at, doors_at, on_sale_at,
        status, per_fan_limit, hold_seconds, fee_cents, currency, 'generated stadium night'
      from events where id = ${arenaEventId}
      returning id`;
    await tx`
      create temp table stadium_tiers on commit drop as
      select id, gen_random_uuid() as new_id, name, price_cents, color, sort_order from price_tiers where event_id = ${arenaEventId}`;
    await tx`
      insert into price_tiers (id, event_id, name, price_cents, color, sort_order)
      select new_id, ${event!.id}, name, price_cents, color, sort_order from stadium_tiers`;
    await tx`
      insert into event_sections (event_id, section_id, tier_id, capacity)
      select ${event!.id}, ss.new_id, t.new_id, es.capacity
      from event_sections es join stadium_sections ss on ss.id = es.section_id join stadium_tiers t on t.id = es.tier_id
      where es.event_id = ${arenaEventId}`;
    await tx`
      insert into event_seats (event_id, seat_id, section_id, tier_id)
      select ${event!.id}, st.new_id, st.section_id, t.new_id
      from event_seats es join stadium_seats st on st.id = es.seat_id join stadium_tiers t on t.id = es.tier_id
      where es.event_id = ${arenaEventId}`;
    return event!.id;
  });
}

interface Venue {
  label: string;
  eventId: string;
  seats: number;
  /** A seat whose position the page must know before the map counts as drawn. */
  probeSeatId: string;
  /** The same seat's index in the layout (the web map addresses seats by index and never loads their ids). */
  probeIndex: number;
  targetMs: number;
}

/**
 * Navigation → the map drawn with its seats placed and clicks handled (the page's test hook answers).
 *
 * The page checks on every frame itself, from an init script of a few hundred bytes, and is only read (a bare CDP
 * `Runtime.evaluate`) every 100 ms. Playwright's `waitForFunction` would first inject its own script (≈ 330 KB)
 * into the page and run it on the main thread the map is waiting for: 55 ms of CPU, ×4 with the throttling,
 * counted against the web app (traces showed it delaying the bundle's evaluation by up to 0.3 s).
 */
async function timeFirstDraw(browser: Browser, base: string, venue: Venue): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  try {
    await context.addInitScript(`(() => {
      const probe = () => {
        const at = ${drawnExpression(venue)};
        if (at === false) requestAnimationFrame(probe);
        else window.__frontrowDrawnAt = at;
      };
      requestAnimationFrame(probe);
    })()`);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
    await page.goto(`${base}/events/${venue.eventId}/seats`, { waitUntil: "commit" });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { result } = (await cdp.send("Runtime.evaluate", {
        expression: "window.__frontrowDrawnAt ?? null",
        returnByValue: true,
      })) as { result: { value?: number | null } };
      if (typeof result.value === "number") return result.value;
      if (Date.now() > deadline) throw new Error(`the ${venue.label}'s map was not drawn within 60 s`);
      await sleep(100);
    }
  } finally {
    await context.close();
  }
}

/**
 * Browser-side (this package has no DOM types): the page's performance.now() once the seat is placed, else false.
 * By layout index (naming the seat by id would make the page load every seat id first); builds of the web app
 * from before it addressed seats by index only know ids.
 */
function drawnExpression(venue: Venue): string {
  const { probeIndex: index } = venue;
  const id = JSON.stringify(venue.probeSeatId);
  return `(() => { const hook = window.__frontrowSeatMap; if (!hook) return false;
    const placed = hook.seatStatusAt ? hook.seatStatusAt(${index}) !== "unknown" && hook.seatPointAt(${index})
      : hook.seatStatus(${id}) !== "unknown" && hook.seatPoint(${id});
    return placed ? performance.now() : false; })()`;
}

/** Where a seat is in the event's layout order, read from the seat ids resource (as any client could). */
function layoutIndexOf(base: string, eventId: string, seatId: string, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    request(`${base}/api/events/${eventId}/seat-ids`, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const { ids } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { ids: string[] };
        const index = ids.indexOf(seatId);
        if (index < 0) reject(new Error(`seat ${seatId} is not in the layout of ${eventId}`));
        else resolve(index);
      });
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

/** Browser-side: resolves after `ms` with every frame-to-frame time and the long tasks seen meanwhile. */
function framesExpression(ms: number): string {
  return `new Promise((resolve) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => { for (const entry of list.getEntries()) longTasks.push(entry.duration); });
    try { observer.observe({ type: "longtask" }); } catch {}
    const deltas = [];
    let last = performance.now();
    const end = last + ${ms};
    const frame = (now) => {
      deltas.push(now - last);
      last = now;
      if (now < end) requestAnimationFrame(frame);
      else { observer.disconnect(); resolve({ deltas, longTasks }); }
    };
    requestAnimationFrame(frame);
  })`;
}

/** Frame-to-frame times of the open map for `ms`, and the main thread's long tasks meanwhile. */
async function frameTimes<T>(browser: Browser, base: string, venue: Venue, during: (ms: number) => Promise<T>) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_THROTTLE });
    await page.goto(`${base}/events/${venue.eventId}/seats`);
    await page.waitForFunction(drawnExpression(venue), undefined, { timeout: 60_000 });
    // Settle, then watch frames while the changes arrive.
    await page.waitForTimeout(1_000);
    const measured = page.evaluate(framesExpression(FRAME_WINDOW_MS)) as Promise<{ deltas: number[]; longTasks: number[] }>;
    const changes = await during(FRAME_WINDOW_MS + 500);
    const { deltas, longTasks } = await measured;
    const frames = deltas.slice(1);
    return {
      frames: summarizeLatency(frames),
      overBudget: frames.filter((ms) => ms > 20).length,
      longTasks: summarizeLatency(longTasks),
      changes,
    };
  } finally {
    await context.close();
  }
}

/**
 * The seat map's cost: bytes on the wire for a first load, the servers' time and CPU for 1,000 fans opening it at
 * once, and in headless Chromium (CPU slowed 4×) the time to a drawn, clickable map and the frame times while
 * 1,000 seat changes a second arrive. Measures today's `seats.map` and the layout/status parts side by side.
 */
export const mapScenario: Scenario = {
  name: "map",
  run: async (context) => {
    const windowStart = context.sampler.now();
    const { cluster, sql } = context;
    const base = cluster.urls[0]!;
    const stadiumId = await generateStadium(sql, context.events.arena);
    const probe = async (eventId: string) => {
      const [row] = await sql<Array<{ seat_id: string; seats: number }>>`
        select (select seat_id from event_seats where event_id = ${eventId} order by seat_id desc limit 1) as seat_id,
               (select count(*)::int from event_seats where event_id = ${eventId}) as seats`;
      return row!;
    };
    const arenaProbe = await probe(context.events.arena);
    const stadiumProbe = await probe(stadiumId);
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const venues: Venue[] = [
      {
        label: "arena",
        eventId: context.events.arena,
        seats: arenaProbe.seats,
        probeSeatId: arenaProbe.seat_id,
        probeIndex: await layoutIndexOf(base, context.events.arena, arenaProbe.seat_id, agent),
        targetMs: 1_500,
      },
      {
        label: "stadium",
        eventId: stadiumId,
        seats: stadiumProbe.seats,
        probeSeatId: stadiumProbe.seat_id,
        probeIndex: await layoutIndexOf(base, stadiumId, stadiumProbe.seat_id, agent),
        targetMs: 3_000,
      },
    ];
    context.log(`map: arena ${format.int(venues[0]!.seats)} seats, generated stadium ${format.int(venues[1]!.seats)} seats`);

    const figures: Array<[string, string]> = [];
    const tables: Table[] = [];
    const notes: string[] = [];

    // 1. Bytes on the wire.
    const bytesRows: string[][] = [];
    for (const venue of venues) {
      for (const load of LOADS) {
        for (const encoding of ["gzip", "br"]) {
          const answers = await Promise.all(load.urls(base, venue.eventId).map((url) => getBytes(url, agent, encoding)));
          if (answers.some((answer) => answer.status !== 200)) {
            bytesRows.push([venue.label, load.name, encoding, "not served", ""]);
            continue;
          }
          const total = answers.reduce((sum, answer) => sum + answer.bytes, 0);
          bytesRows.push([
            venue.label,
            load.name,
            answers.map((answer) => answer.encoding).join(" + "),
            `${format.int(total / 1024)} KB`,
            answers.map((answer) => `${format.int(answer.bytes / 1024)}`).join(" + "),
          ]);
        }
      }
      const status = await getBytes(`${base}/api/events/${venue.eventId}/status`, agent);
      if (status.status === 200) figures.push([`${venue.label}: status alone (gzip)`, `${format.int(status.bytes)} B`]);
    }
    tables.push({ title: "Bytes on the wire, first load", columns: ["venue", "load", "encoding", "total", "parts (KB)"], rows: bytesRows });

    // 2. 1,000 fans opening the arena's map at once, spread over the instances.
    const fans = context.options.fans ?? 1_000;
    const cpuSources: CpuSource[] = cluster.instances.map((instance, i) => ({ label: `server-${i + 1}`, tree: () => instance.pid }));
    const loadRows: string[][] = [];
    for (const load of LOADS) {
      const arena = venues[0]!;
      const count = Math.min(fans, load.maxConcurrent ?? fans);
      const warm = await Promise.all(load.urls(base, arena.eventId).map((url) => getBytes(url, agent)));
      if (warm.some((answer) => answer.status !== 200)) {
        loadRows.push([load.name, "0", "not served", "", "", ""]);
        continue;
      }
      const agents = cluster.urls.map(() => new Agent({ keepAlive: false, maxSockets: Infinity }));
      const latencies: number[] = [];
      let failed = 0;
      const window = await openCpuWindow(cpuSources);
      const started = performance.now();
      await runPool(Array.from({ length: count }, (_, i) => i), count, async (i) => {
        const instance = i % cluster.urls.length;
        const began = performance.now();
        const answers = await Promise.all(
          load.urls(cluster.urls[instance]!, arena.eventId).map((url) => getBytes(url, agents[instance]!)),
        ).catch(() => undefined);
        if (!answers || answers.some((answer) => answer.status !== 200)) failed++;
        else latencies.push(performance.now() - began);
      });
      const wallMs = performance.now() - started;
      const cpu = await window.close();
      for (const a of agents) a.destroy();
      const serverCpuMs = [...cpu.cpuMs.values()].reduce((sum, ms) => sum + (Number.isNaN(ms) ? 0 : ms), 0);
      const summary: LatencySummary = summarizeLatency(latencies);
      loadRows.push([
        load.name,
        format.int(count),
        format.ms(wallMs),
        format.latency(summary),
        `${format.ms(serverCpuMs / count)} (${format.int(serverCpuMs)} ms in all)`,
        failed === 0 ? "0" : String(failed),
      ]);
    }
    tables.push({
      title: `Concurrent first loads of the arena's map, spread over the instances (new connections, gzip)`,
      columns: ["load", "fans at once", "all answered in", "per fan", "server CPU per fan", "failed"],
      rows: loadRows,
    });

    // 3. In the browser, once per build of the web app (WEB_DIST may name one per instance).
    const dists = (process.env.WEB_DIST ?? path.join(paths.repoRoot, "apps/web/dist")).split(",").filter(Boolean);
    const builds = cluster.urls.slice(0, dists.length).map((url, i) => ({ url, dist: dists[i]!, label: path.basename(dists[i]!) }));
    const missing = builds.filter((build) => !existsSync(path.join(build.dist, "index.html")));
    if (missing.length > 0) {
      notes.push(`browser figures skipped: no build of the web app in ${missing.map((build) => build.dist).join(", ")}`);
    } else {
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? chromiumFlags.executablePath,
        args: chromiumFlags.args,
      });
      try {
        const drawRows: string[][] = [];
        const frameRows: string[][] = [];
        for (const build of builds) {
          context.log(`map: in Chromium, web build ${build.label} (${build.url})`);
          for (const venue of venues) {
            const times: number[] = [];
            for (let run = 0; run < BROWSER_RUNS; run++) times.push(await timeFirstDraw(browser, build.url, venue));
            const sorted = [...times].sort((a, b) => a - b);
            const median = sorted[Math.floor(sorted.length / 2)]!;
            drawRows.push([
              build.label,
              `${venue.label} (${format.int(venue.seats)} seats)`,
              format.ms(median),
              times.map((ms) => format.int(ms)).join(", "),
              `≤ ${format.int(venue.targetMs)} ms: ${median <= venue.targetMs ? "met" : "NOT met"}`,
            ]);
            figures.push([`${build.label}: ${venue.label} navigation → map drawn and clickable (CPU ÷${CPU_THROTTLE}, median)`, format.ms(median)]);
          }
          const frames = await frameTimes(browser, build.url, venues[0]!, (ms) => churnSeats(context, venues[0]!.eventId, ms));
          figures.push([
            `${build.label}: arena frame times while ${format.int(frames.changes.perSecond)} changes/s arrive (CPU ÷${CPU_THROTTLE})`,
            format.latency(frames.frames),
          ]);
          frameRows.push([
            build.label,
            format.latency(frames.frames),
            `${format.int(frames.overBudget)} of ${format.int(frames.frames.count)}`,
            frames.longTasks.count === 0 ? "none" : `${frames.longTasks.count}: ${format.latency(frames.longTasks)}`,
            `${format.int(frames.changes.total)} (${format.int(frames.changes.perSecond)}/s; ${frames.changes.failed} failed, ${frames.changes.skipped} skipped)`,
            `p95 ≤ 20 ms: ${frames.frames.p95 <= 20 ? "met" : "NOT met"}`,
          ]);
        }
        tables.push({
          title: `Navigation → map drawn and clickable, headless Chromium, CPU slowed ${CPU_THROTTLE}× (fresh browser context each run)`,
          columns: ["web build", "venue", "median", "runs (ms)", "target"],
          rows: drawRows,
        });
        tables.push({
          title: `Frames of the open arena map for ${format.s(FRAME_WINDOW_MS / 1000)} while fans hold and release ${CHANGE_BATCH} seats at a time (CPU slowed ${CPU_THROTTLE}×)`,
          columns: ["web build", "frame-to-frame", "frames over 20 ms", "long tasks (> 50 ms)", "seat changes made", "target"],
          rows: frameRows,
        });
      } finally {
        await browser.close();
      }
    }
    agent.destroy();

    notes.push(`web builds: ${builds.map((build) => `${build.label} = ${build.dist}`).join(", ")}`);
    return {
      name: "map",
      title: "Seat map: first load, 1,000 fans at once, and in the browser",
      setup:
        `The arena (${format.int(venues[0]!.seats)} seats) and a generated stadium (${format.int(venues[1]!.seats)} seats); ` +
        `bytes and server time for seats.map and for the layout/status parts; headless Chromium with the CPU slowed ${CPU_THROTTLE}×.`,
      window: [windowStart, context.sampler.now()],
      figures,
      tables,
      charts: [],
      invariants: [],
      notes,
    };
  },
};

/**
 * About CHANGES_PER_SECOND seat changes a second for `ms`, as an on-sale makes them: fans hold CHANGE_BATCH seats
 * (the per-fan limit) and release them again, one fan after another, one hold or release every few milliseconds.
 */
async function churnSeats(context: ScenarioContext, eventId: string, ms: number) {
  const fans = context.fans.slice(0, CHURN_FANS);
  const seats = await context.sql<Array<{ seat_id: string }>>`
    select seat_id from event_seats where event_id = ${eventId} and status = 'available'
    order by seat_id limit ${fans.length * CHANGE_BATCH}`;
  const pools = fans.map((_, i) => seats.slice(i * CHANGE_BATCH, (i + 1) * CHANGE_BATCH).map((seat) => seat.seat_id));
  const holds = new Map<number, string>();
  const busy = new Set<number>();
  const everyMs = (CHANGE_BATCH / CHANGES_PER_SECOND) * 1000;
  let total = 0;
  let failed = 0;
  let skipped = 0;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let tick = 0; performance.now() - started < ms; tick++) {
    const i = tick % fans.length;
    if (busy.has(i)) skipped++;
    else {
      busy.add(i);
      const fan = fans[i]!.trpc;
      const holdId = holds.get(i);
      const op = holdId
        ? fan.holds.release.mutate({ holdId }).then(() => void holds.delete(i))
        : fan.holds.create.mutate({ eventId, seatIds: pools[i]! }).then((hold) => void holds.set(i, hold.holdId));
      inFlight.push(
        op
          .then(() => void (total += CHANGE_BATCH))
          .catch(() => void failed++)
          .finally(() => busy.delete(i)),
      );
    }
    const next = started + (tick + 1) * everyMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - started) / 1000;
  // Leave the arena as it was for the scenarios after this one.
  await Promise.all([...holds].map(([i, holdId]) => fans[i]!.trpc.holds.release.mutate({ holdId }).catch(() => undefined)));
  return { total, failed, skipped, perSecond: total / elapsedS };
}
