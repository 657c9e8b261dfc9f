import { randomUUID } from "node:crypto";
import { TEST_CARDS } from "@frontrow/core";
import { errorCode } from "../client/error-code";
import type { FanClient } from "../client/fan-client";
import { connectWs } from "../client/ws-client";
import type { ClientLedger } from "../invariants/client-ledger";
import type { Recorder } from "../metrics/recorder";
import type { Random } from "../util/random";
import { sleep } from "../util/sleep";
import { type SeatMapPartsClient, type AssembledSeatMap } from "../client/seat-map-parts-client";

export interface OnsaleFanPlan {
  eventId: string;
  /** Epoch ms at which the fan joins the waiting room. */
  joinAt: number;
  quantity: number;
  /** Holds seats and never pays, so the hold expires. */
  abandons: boolean;
  /** Epoch ms after which the fan gives up. */
  deadline: number;
}

export interface OnsaleFanResult {
  outcome: "bought" | "abandoned" | "sold_out" | "not_admitted" | "window_ended" | "gave_up" | "error";
  joinedAt?: number;
  /** The fan's place in line (1 = first), as the admitted status reports it. */
  place?: number;
  admittedAt?: number;
  holdAttempts: number;
  abandonedHold?: { seatIds: string[]; expiresAt: number };
  error?: string;
}

type SeatMap = AssembledSeatMap;

/** The longest run of side-by-side available seats in any row, up to `quantity`, picked at random among rows. */
function findBlock(map: SeatMap, quantity: number, random: Random): string[] {
  const rows = new Map<string, SeatMap["seats"]>();
  for (const seat of map.seats) {
    const key = `${seat.sectionId}|${seat.row}`;
    const row = rows.get(key);
    if (row) row.push(seat);
    else rows.set(key, [seat]);
  }
  const blocks: string[][] = [];
  for (const row of rows.values()) {
    row.sort((a, b) => a.number - b.number);
    let run: string[] = [];
    for (const seat of row) {
      if (seat.status === "available") {
        run.push(seat.id);
        if (run.length === quantity) {
          blocks.push(run);
          run = [];
        }
      } else {
        if (run.length > 0) blocks.push(run);
        run = [];
      }
    }
    if (run.length > 0) blocks.push(run);
  }
  const longest = Math.max(0, ...blocks.map((block) => block.length));
  const best = blocks.filter((block) => block.length === longest);
  return best.length > 0 ? random.pick(best) : [];
}

/**
 * One fan through a waiting-room on-sale, as the web app does it: join (HTTP), watch `queue.onStatus` (WebSocket)
 * until admitted, open the seat map, hold a block with the access pass (retrying on conflicts), then pay — or
 * walk away and let the hold expire.
 */
export async function runOnsaleFan(
  fan: FanClient,
  plan: OnsaleFanPlan,
  deps: {
    recorder: Recorder;
    ledger: ClientLedger;
    random: Random;
    signal: AbortSignal;
    /** How the fan loads the map: as the web app, the layout once and the live status each time. */
    maps: SeatMapPartsClient;
    card?: string;
  },
): Promise<OnsaleFanResult> {
  const { recorder, ledger, random, signal } = deps;
  const result: OnsaleFanResult = { outcome: "gave_up", holdAttempts: 0 };
  await sleep(plan.joinAt - Date.now(), signal);

  try {
    const started = performance.now();
    await fan.trpc.queue.join.mutate({ eventId: plan.eventId });
    recorder.latency("join", performance.now() - started);
    recorder.count("joined");
    result.joinedAt = Date.now();
  } catch (error) {
    recorder.count(`error:join:${errorCode(error)}`);
    return { ...result, outcome: "error", error: `join: ${errorCode(error)}` };
  }

  // Wait for our turn, pushed over the WebSocket.
  const ws = connectWs({ url: () => fan.base, sessionToken: fan.sessionToken });
  let accessPass: string | undefined;
  try {
    accessPass = await new Promise<string | undefined>((resolve) => {
      const giveUp = setTimeout(() => resolve(undefined), Math.max(0, plan.deadline - Date.now()));
      signal.addEventListener("abort", () => resolve(undefined), { once: true });
      const subscription = ws.trpc.queue.onStatus.subscribe(
        { eventId: plan.eventId },
        {
          onData: (status) => {
            recorder.count("status push");
            if (status.state === "admitted" && status.accessPass) {
              result.place = status.position;
              clearTimeout(giveUp);
              subscription.unsubscribe();
              resolve(status.accessPass);
            }
          },
          onError: (error) => recorder.count(`error:onStatus:${errorCode(error)}`),
        },
      );
    });
  } finally {
    await ws.close();
  }
  if (!accessPass) return { ...result, outcome: "not_admitted" };
  result.admittedAt = Date.now();
  recorder.count("admitted");

  // Shop: look at the map, hold a block, retry on conflicts.
  await sleep(random.int(300, 1_000), signal);
  let hold: { holdId: string; seatIds: string[]; expiresAt: Date } | undefined;
  while (!hold && Date.now() < plan.deadline && !signal.aborted) {
    let map: SeatMap;
    try {
      map = await deps.maps.load(fan.base, plan.eventId);
    } catch (error) {
      const code = error instanceof Error && error.name === "TimeoutError" ? "TIMEOUT" : errorCode(error);
      recorder.count(`error:map:${code}`);
      return { ...result, outcome: "error", error: `map: ${code}` };
    }
    const block = findBlock(map, plan.quantity, random);
    if (block.length === 0) {
      if (!map.seats.some((seat) => seat.status === "held")) return { ...result, outcome: "sold_out" };
      await sleep(random.int(700, 1_300), signal); // held seats may come back
      continue;
    }
    result.holdAttempts++;
    const started = performance.now();
    const requestedAt = Date.now();
    try {
      hold = await fan.trpc.holds.create.mutate({ eventId: plan.eventId, seatIds: block, accessPass });
      recorder.latency("hold", performance.now() - started);
      recorder.count("held");
      ledger.holdGranted(hold, { requestedAt, eventId: plan.eventId, userId: fan.userId });
    } catch (error) {
      recorder.latency("hold", performance.now() - started);
      const code = errorCode(error);
      if (code === "SEAT_UNAVAILABLE") {
        recorder.count("conflict");
        await sleep(random.int(100, 300), signal);
        continue;
      }
      // The fan's shopping window ran out before they found seats: what the fan is told, not an error.
      if (code === "NOT_ADMITTED" && (error as { data?: { windowEnded?: boolean } }).data?.windowEnded) {
        recorder.count("window ended");
        recorder.latency("window ended after", Date.now() - result.admittedAt!);
        return { ...result, outcome: "window_ended" };
      }
      recorder.count(`error:hold:${code}`);
      return { ...result, outcome: "error", error: `hold: ${code}` };
    }
  }
  if (!hold) return result;

  if (plan.abandons) {
    recorder.count("abandoned");
    return {
      ...result,
      outcome: "abandoned",
      abandonedHold: { seatIds: hold.seatIds, expiresAt: hold.expiresAt.getTime() },
    };
  }

  // Pay. A request that got no answer is retried once with the same idempotency key, as the web app does.
  await sleep(random.int(500, 1_500), signal);
  const idempotencyKey = randomUUID();
  for (let attempt = 0; attempt < 2; attempt++) {
    const started = performance.now();
    try {
      const { order } = await fan.trpc.checkout.complete.mutate({
        holdId: hold.holdId,
        idempotencyKey,
        payment: {
          cardNumber: deps.card ?? TEST_CARDS.approved,
          expMonth: 12,
          expYear: 2030,
          cvc: "123",
          name: "Load Fan",
        },
      });
      recorder.latency("checkout", performance.now() - started);
      recorder.count("order");
      recorder.count("tickets", hold.seatIds.length);
      ledger.order({
        orderId: order.id,
        eventId: plan.eventId,
        userId: fan.userId,
        holdId: hold.holdId,
        totalCents: order.totalCents,
        seatIds: hold.seatIds,
      });
      return { ...result, outcome: "bought" };
    } catch (error) {
      const code = errorCode(error);
      recorder.count(`error:checkout:${code}`);
      if (!code.startsWith("NETWORK") && code !== "TIMEOUT")
        return { ...result, outcome: "error", error: `checkout: ${code}` };
    }
  }
  return { ...result, outcome: "error", error: "checkout: no answer" };
}
