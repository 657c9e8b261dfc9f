import { promisify } from "node:util";
import { brotliCompress, constants as zlib, gzip } from "node:zlib";
import type { Database } from "@frontrow/db";
import type { ChangeBatch, Redis } from "@frontrow/redis";
import {
  FLAG_ACCESSIBLE,
  FLAG_COMPANION,
  FLAG_RESTRICTED,
  toIndexGaps,
  type SeatIdsPayload,
  type SeatLayoutPayload,
  type SeatStatusPayload,
} from "@frontrow/validators";
import type { Clock } from "../clock";
import type { ChangeBus } from "./change-bus";
import type { EventLayout, EventLayoutCache } from "./event-layout";
import { layoutVersionOf, seatOrderOf } from "./layout-order";
import { buildSeatSnapshot } from "./seat-map";

export { layoutVersionOf, seatOrderOf } from "./layout-order";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** A payload as JSON and compressed both ways, made once and sent to every caller as is. */
export interface EncodedPayload {
  /** Quoted, as an ETag header carries it. */
  etag: string;
  json: Buffer;
  gzip: Buffer;
  br: Buffer;
}

async function encode(etag: string, payload: unknown, effort: "once" | "often"): Promise<EncodedPayload> {
  const json = Buffer.from(JSON.stringify(payload));
  const [gzipped, br] = await Promise.all([
    gzipAsync(json, { level: effort === "once" ? 9 : 6 }),
    brotliAsync(json, {
      params: {
        // The layout is made once per version and cached by browsers: worth the slower, smaller encoding.
        [zlib.BROTLI_PARAM_QUALITY]: effort === "once" ? 9 : 5,
        [zlib.BROTLI_PARAM_SIZE_HINT]: json.length,
      },
    }),
  ]);
  return { etag, json, gzip: gzipped, br };
}

/** The seat layout payload of an event (see seatLayoutSchema). */
export function buildSeatLayout(layout: EventLayout): SeatLayoutPayload {
  const { seats, sectionIndexOf } = seatOrderOf(layout);
  const tierIndexOf = new Map(layout.tiers.map((tier, index) => [tier.id, index]));
  const rows: string[] = [];
  const rowIndexOf = new Map<string, number>();
  const columns: SeatLayoutPayload["seats"] = { section: [], row: [], number: [], x: [], y: [], tier: [], flags: [] };
  for (const seat of seats) {
    let row = rowIndexOf.get(seat.row);
    if (row === undefined) {
      row = rows.push(seat.row) - 1;
      rowIndexOf.set(seat.row, row);
    }
    columns.section.push(sectionIndexOf.get(seat.sectionId) ?? -1);
    columns.row.push(row);
    columns.number.push(seat.number);
    columns.x.push(Math.round(seat.x * 100));
    columns.y.push(Math.round(seat.y * 100));
    columns.tier.push(tierIndexOf.get(seat.tierId) ?? -1);
    columns.flags.push(
      (seat.accessible ? FLAG_ACCESSIBLE : 0) | (seat.companion ? FLAG_COMPANION : 0) | (seat.restrictedView ? FLAG_RESTRICTED : 0),
    );
  }
  return {
    eventId: layout.event.id,
    version: layoutVersionOf(layout),
    venue: layout.venue,
    tiers: layout.tiers,
    sections: layout.sections.map(({ id, name, kind, capacity, tierId, outline, labelX, labelY }) => ({
      id,
      name,
      kind,
      capacity,
      tierId,
      outline,
      labelX,
      labelY,
    })),
    rows,
    seats: columns,
  };
}

const STATUS_CODE = { available: 0, held: 1, sold: 2, blocked: 3, resale: 4 } as const;

/** The live status of one layout's seats in this process, kept current from the change stream. */
interface LiveStatus {
  layout: EventLayout;
  seq: number;
  /** Per seat in layout order: STATUS_CODE. */
  codes: Uint8Array;
  /** General-admission places left, by section index. */
  generalAdmission: Map<number, number>;
  /** A change was missed (a gap in the sequence): the next read rebuilds from Redis and Postgres. */
  stale: boolean;
  /** Batches heard while a build is under way, applied on top of it. */
  heldBack: ChangeBatch[] | null;
  rebuild: Promise<void> | null;
  encoded: { seq: number; payload: Promise<EncodedPayload> } | null;
  ready: Promise<void>;
  idle: NodeJS.Timeout | null;
  unsubscribe: (() => void) | null;
}

export interface SeatMapPartsDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  changeBus: ChangeBus;
}

/**
 * The layout, seat ids and live status of events' seat maps, each encoded once and served as bytes.
 *
 * The status of an event is read from Redis and Postgres once, then kept current by applying the change stream
 * (this process subscribes while anyone asked in the last `idleMs`), and encoded at most once per sequence. A
 * caller that names the last sequence it knows (`after`, e.g. its own hold's) gets a status at least that recent:
 * if the stream has not brought it yet, the status is read again.
 */
export function createSeatMapParts(options: { idleMs?: number } = {}) {
  const idleMs = options.idleMs ?? 60_000;
  const layoutPayloads = new WeakMap<EventLayout, Promise<EncodedPayload>>();
  const idPayloads = new WeakMap<EventLayout, Promise<EncodedPayload>>();
  const statuses = new Map<string, LiveStatus>();

  const memo = (cache: WeakMap<EventLayout, Promise<EncodedPayload>>, layout: EventLayout, make: () => unknown, tag: string) => {
    let payload = cache.get(layout);
    if (!payload) {
      payload = encode(`"${tag}-${layout.event.id}-${layoutVersionOf(layout)}"`, make(), "once");
      cache.set(layout, payload);
      payload.catch(() => cache.delete(layout));
    }
    return payload;
  };

  function apply(status: LiveStatus, batches: ChangeBatch[]): void {
    const { indexOf, sectionIndexOf } = seatOrderOf(status.layout);
    for (const batch of batches) {
      if (status.stale || batch.seq <= status.seq) continue;
      if (batch.seq !== status.seq + 1) {
        status.stale = true;
        return;
      }
      for (const change of batch.changes) {
        if ("seatId" in change) {
          const index = indexOf.get(change.seatId);
          if (index !== undefined) status.codes[index] = STATUS_CODE[change.status];
        } else {
          const section = sectionIndexOf.get(change.sectionId);
          if (section !== undefined) status.generalAdmission.set(section, Math.max(0, change.available));
        }
      }
      status.seq = batch.seq;
    }
  }

  /** Reads the status afresh (Redis then Postgres), keeping what the stream brings meanwhile. */
  async function build(deps: SeatMapPartsDeps, status: LiveStatus): Promise<void> {
    status.heldBack = [];
    try {
      const snapshot = await buildSeatSnapshot(deps, status.layout.event.id);
      const { seats, indexOf, sectionIndexOf } = seatOrderOf(status.layout);
      const codes = new Uint8Array(seats.length);
      for (const [seatId, seatStatus] of snapshot.status) {
        const index = indexOf.get(seatId);
        if (index !== undefined) codes[index] = STATUS_CODE[seatStatus];
      }
      const generalAdmission = new Map<number, number>();
      for (const [sectionId, available] of snapshot.gaAvailable) {
        const index = sectionIndexOf.get(sectionId);
        if (index !== undefined) generalAdmission.set(index, available);
      }
      status.codes = codes;
      status.generalAdmission = generalAdmission;
      status.seq = snapshot.seq;
      status.stale = false;
      apply(status, status.heldBack);
    } finally {
      status.heldBack = null;
    }
  }

  function release(eventId: string, status: LiveStatus): void {
    if (statuses.get(eventId) === status) statuses.delete(eventId);
    status.unsubscribe?.();
    status.unsubscribe = null;
  }

  function start(deps: SeatMapPartsDeps, layout: EventLayout): LiveStatus {
    const eventId = layout.event.id;
    const previous = statuses.get(eventId);
    if (previous) {
      if (previous.idle) clearTimeout(previous.idle);
      release(eventId, previous);
    }
    const status: LiveStatus = {
      layout,
      seq: -1,
      codes: new Uint8Array(0),
      generalAdmission: new Map(),
      stale: true,
      heldBack: null,
      rebuild: null,
      encoded: null,
      ready: Promise.resolve(),
      idle: null,
      unsubscribe: null,
    };
    statuses.set(eventId, status);
    // Subscribed before the first read, so no change between the read and the subscription is missed.
    status.ready = deps.changeBus
      .subscribe(eventId, (batches) => {
        if (status.heldBack) status.heldBack.push(...batches);
        else apply(status, batches);
      })
      .then((unsubscribe) => {
        if (statuses.get(eventId) === status) status.unsubscribe = unsubscribe;
        else unsubscribe();
        return build(deps, status);
      });
    status.ready.catch(() => release(eventId, status));
    return status;
  }

  async function current(deps: SeatMapPartsDeps, eventId: string, after: number | undefined): Promise<LiveStatus> {
    const layout = await deps.layouts.get(eventId);
    let status = statuses.get(eventId);
    if (!status || status.layout !== layout) status = start(deps, layout);
    const live = status;
    if (live.idle) live.idle.refresh();
    else live.idle = setTimeout(() => release(eventId, live), idleMs).unref();
    await live.ready;
    // Twice at most: a rebuild already under way may have read Redis before the caller's change.
    for (let attempt = 0; attempt < 2 && (live.stale || (after !== undefined && live.seq < after)); attempt++) {
      live.rebuild ??= build(deps, live).finally(() => (live.rebuild = null));
      await live.rebuild;
    }
    return live;
  }

  return {
    async layout(deps: Pick<SeatMapPartsDeps, "layouts">, eventId: string): Promise<{ version: string; payload: EncodedPayload }> {
      const layout = await deps.layouts.get(eventId);
      return { version: layoutVersionOf(layout), payload: await memo(layoutPayloads, layout, () => buildSeatLayout(layout), "L") };
    },

    async seatIds(deps: Pick<SeatMapPartsDeps, "layouts">, eventId: string): Promise<{ version: string; payload: EncodedPayload }> {
      const layout = await deps.layouts.get(eventId);
      const make = (): SeatIdsPayload => ({
        eventId,
        version: layoutVersionOf(layout),
        ids: seatOrderOf(layout).seats.map((seat) => seat.id),
      });
      return { version: layoutVersionOf(layout), payload: await memo(idPayloads, layout, make, "I") };
    },

    /** The status payload, at least as recent as change `after` when given. */
    async status(deps: SeatMapPartsDeps, input: { eventId: string; after?: number | undefined }): Promise<EncodedPayload> {
      const live = await current(deps, input.eventId, input.after);
      if (live.encoded?.seq !== live.seq) {
        const payload = encode(`"S-${input.eventId}-${live.seq}"`, statusPayloadOf(live), "often");
        live.encoded = { seq: live.seq, payload };
        payload.catch(() => {
          if (live.encoded?.payload === payload) live.encoded = null;
        });
      }
      return live.encoded!.payload;
    },

    /** Stops following every event (tests, shutdown). */
    close(): void {
      for (const [eventId, status] of statuses) {
        if (status.idle) clearTimeout(status.idle);
        release(eventId, status);
      }
    },
  };
}

export type SeatMapParts = ReturnType<typeof createSeatMapParts>;

function statusPayloadOf(status: LiveStatus): SeatStatusPayload {
  const held: number[] = [];
  const sold: number[] = [];
  const blocked: number[] = [];
  const resale: number[] = [];
  const lists = [null, held, sold, blocked, resale];
  status.codes.forEach((code, index) => lists[code]?.push(index));
  return {
    eventId: status.layout.event.id,
    version: layoutVersionOf(status.layout),
    seq: status.seq,
    held: toIndexGaps(held),
    sold: toIndexGaps(sold),
    blocked: toIndexGaps(blocked),
    resale: toIndexGaps(resale),
    generalAdmission: [...status.generalAdmission].sort(([a], [b]) => a - b),
  };
}
