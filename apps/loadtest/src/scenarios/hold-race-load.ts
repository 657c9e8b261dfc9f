import type { FanClient } from "../client/fan-client";
import { errorCode, isNoAnswer } from "../client/error-code";
import { leanErrorCode, postJson } from "../client/lean-http";
import type { ClientLedger } from "../invariants/client-ledger";
import type { Recorder } from "../metrics/recorder";
import { pickBlock, type SeatRow } from "../setup/seat-rows";
import type { Random } from "../util/random";
import { sleep } from "../util/sleep";

export type HoldOutcome = { ok: true; holdId: string; expiresAt: number } | { ok: false; code: string };
export type ReleaseOutcome = { ok: true } | { ok: false; code: string };

/** Where holds go: the real server through tRPC, or one of the alternative strategies. Same request shape. */
export interface HoldTarget {
  name: string;
  hold(fan: FanClient, eventId: string, seatIds: string[]): Promise<HoldOutcome>;
  release(fan: FanClient, holdId: string): Promise<ReleaseOutcome>;
}

/** Frontrow itself: `holds.create` / `holds.release` on the fan's server instance. */
export const frontrowTarget: HoldTarget = {
  name: "frontrow",
  async hold(fan, eventId, seatIds) {
    try {
      const hold = await fan.trpc.holds.create.mutate({ eventId, seatIds });
      return { ok: true, holdId: hold.holdId, expiresAt: hold.expiresAt.getTime() };
    } catch (error) {
      return { ok: false, code: errorCode(error) };
    }
  },
  async release(fan, holdId) {
    try {
      await fan.trpc.holds.release.mutate({ holdId });
      return { ok: true };
    } catch (error) {
      return { ok: false, code: errorCode(error) };
    }
  },
};

/**
 * Frontrow through the same tRPC wire format (`{ json }` in, `result.data.json` or `error.json.data` out) over
 * lean keep-alive connections, for the closed-loop benchmarks where the generator's own CPU counts.
 */
export const leanFrontrowTarget: HoldTarget = {
  name: "frontrow",
  async hold(fan, eventId, seatIds) {
    try {
      const { status, body } = await trpcMutation(fan, "holds.create", { eventId, seatIds });
      const data = (body as { result?: { data: { json: { holdId: string; expiresAt: string } } } }).result?.data.json;
      if (status === 200 && data) return { ok: true, holdId: data.holdId, expiresAt: Date.parse(data.expiresAt) };
      return { ok: false, code: trpcErrorCode(status, body) };
    } catch (error) {
      return { ok: false, code: leanErrorCode(error) };
    }
  },
  async release(fan, holdId) {
    try {
      const { status, body } = await trpcMutation(fan, "holds.release", { holdId });
      return status === 200 ? { ok: true } : { ok: false, code: trpcErrorCode(status, body) };
    } catch (error) {
      return { ok: false, code: leanErrorCode(error) };
    }
  },
};

function trpcMutation(fan: FanClient, path: string, input: unknown) {
  return postJson(`${fan.base}/trpc/${path}`, { json: input }, { cookie: `frontrow_session=${fan.sessionToken ?? ""}` });
}

function trpcErrorCode(status: number, body: unknown): string {
  const data = (body as { error?: { json?: { data?: { domainCode?: string; code?: string } } } })?.error?.json?.data;
  return data?.domainCode ?? data?.code ?? `HTTP_${status}`;
}

export interface HoldRaceConfig {
  fans: FanClient[];
  eventId: string;
  rows: SeatRow[];
  durationMs: number;
  target: HoldTarget;
  recorder: Recorder;
  ledger: ClientLedger;
  random: Random;
  signal: AbortSignal;
  /** How long a fan keeps a hold before letting go, ms. */
  thinkMs?: [number, number];
  /** Pause after a failed attempt, ms. */
  backoffMs?: [number, number];
  /**
   * The seats of the next attempt (default: any random block of the rows). `refused` is the block of the fan's
   * last refused attempt, what the fan itself knows to be taken.
   */
  pickSeats?: (quantity: number, refused: ReadonlySet<string>) => string[];
}

/** Lets go of the holds a race left open (after the caller checked them), noting each success in the ledger. */
export async function releaseOpenHolds(
  target: HoldTarget,
  ledger: ClientLedger,
  open: Array<{ fan: FanClient; holdId: string }>,
): Promise<void> {
  await Promise.all(
    open.map(async ({ fan, holdId }) => {
      const sentAt = Date.now();
      const released = await target.release(fan, holdId);
      ledger.released(holdId, sentAt);
      if (!released.ok) ledger.note(holdId, `release failed: ${released.code}`);
    }),
  );
}

/**
 * The race: every fan, until the time is up, tries to hold a random block of 1–4 side-by-side seats in the hot
 * rows; on success it keeps the hold for a short think time and releases it, so seats churn; on a conflict it
 * backs off briefly and tries another block. Each fan's loop is bounded in time and count. Holds still open
 * when the time is up are returned (not released) so the caller can check them first.
 *
 * A think time and a backoff of [0, 0] make it a closed loop without pauses.
 *
 * Counters: attempt, held, conflict, limit, error, error:<code> (error:release:<code> for releases), released,
 * answered (holds and releases that got an answer, whatever it said); latencies: hold.ok, hold.conflict,
 * hold.error, release.
 */
export async function runHoldRace(
  config: HoldRaceConfig,
): Promise<Array<{ fan: FanClient; holdId: string }>> {
  const { recorder, ledger, random, target } = config;
  const [thinkMin, thinkMax] = config.thinkMs ?? [200, 800];
  const [backoffMin, backoffMax] = config.backoffMs ?? [20, 120];
  const deadline = performance.now() + config.durationMs;
  // At most one attempt per millisecond per fan: more than any round trip allows, so it only guards the loop.
  const maxAttempts = Math.ceil(config.durationMs);
  const pickSeats = config.pickSeats ?? ((quantity: number) => pickBlock(config.rows, quantity, random));
  const answered = (outcome: HoldOutcome | ReleaseOutcome) => {
    if (outcome.ok || !isNoAnswer(outcome.code)) recorder.count("answered");
  };
  const open: Array<{ fan: FanClient; holdId: string }> = [];

  const fanLoop = async (fan: FanClient) => {
    // Stagger the start over 500 ms, as real fans do not click in the same millisecond.
    await sleep(random.int(0, 500), config.signal);
    let refused: ReadonlySet<string> = new Set();
    for (
      let attempt = 0;
      attempt < maxAttempts && performance.now() < deadline && !config.signal.aborted;
      attempt++
    ) {
      const seatIds = pickSeats(random.int(1, 4), refused);
      const started = performance.now();
      const requestedAt = Date.now();
      const outcome = await target.hold(fan, config.eventId, seatIds);
      const ms = performance.now() - started;
      recorder.count("attempt");
      answered(outcome);
      if (outcome.ok) {
        refused = new Set();
        recorder.count("held");
        recorder.count("seats held", seatIds.length);
        recorder.latency("hold.ok", ms);
        ledger.hold({
          requestedAt,
          holdId: outcome.holdId,
          eventId: config.eventId,
          userId: fan.userId,
          seatIds,
          expiresAt: outcome.expiresAt,
        });
        await sleep(random.int(thinkMin, thinkMax), config.signal);
        if (performance.now() >= deadline || config.signal.aborted) {
          open.push({ fan, holdId: outcome.holdId });
          return;
        }
        const sentAt = Date.now();
        const releaseStarted = performance.now();
        const released = await target.release(fan, outcome.holdId);
        answered(released);
        // The fan certainly held the seats until it asked to let them go, whatever the answer: a release that got no
        // answer may well have happened, so counting the hold on to its expiry would call every later holder a double.
        ledger.released(outcome.holdId, sentAt);
        if (released.ok) {
          recorder.latency("release", performance.now() - releaseStarted);
          recorder.count("released");
        } else {
          ledger.note(outcome.holdId, `release failed: ${released.code}`);
          recorder.count("error");
          recorder.count(`error:release:${released.code}`);
        }
        continue;
      }
      if (outcome.code === "SEAT_UNAVAILABLE") {
        refused = new Set(seatIds);
        recorder.count("conflict");
        recorder.latency("hold.conflict", ms);
      } else if (outcome.code === "LIMIT_EXCEEDED") {
        recorder.count("limit");
        recorder.latency("hold.conflict", ms);
      } else {
        recorder.count("error");
        recorder.count(`error:${outcome.code}`);
        recorder.latency("hold.error", ms);
      }
      await sleep(random.int(backoffMin, backoffMax), config.signal);
    }
  };

  await Promise.all(config.fans.map(fanLoop));
  return open;
}
