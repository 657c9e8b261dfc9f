import { randomUUID } from "node:crypto";
import { hashPassword, solveProofOfWork, TEST_CARDS } from "@frontrow/core";
import { keys } from "@frontrow/redis";
import { errorCode } from "../client/error-code";
import { FanClient } from "../client/fan-client";
import { invariant } from "../invariants/invariant-result";
import { readRedisInventory } from "../invariants/read-redis-inventory";
import { ProgressLine } from "../metrics/progress-line";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { LOAD_FAN_PASSWORD } from "../setup/create-fans";
import { keepSeatsOnSale } from "../setup/configure-onsale-event";
import { runPool } from "../util/run-pool";
import { sleep } from "../util/sleep";
import type { Scenario } from "./scenario";

/** The bots' one address, and the normal fans' (one each), as the drill's stand-in proxy reports them. */
const BOT_IP = "198.51.100.66";
const fanIp = (i: number) => `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}`;
const BOTS = 100;
const FANS = 50;
const SEATS = 400;
/** The event's cap on seats held at once from one address (the organizer's setting; the default is 12). */
const HELD_SEATS_PER_IP = 12;

let seatsOnSale = 0;

interface FanOutcome {
  registered: boolean;
  bought: number;
  /** What refused this fan, if anything did. */
  refusal?: string;
}

/**
 * Bots against the limits, on an instance of its own with them on (BOT_PROTECTION=on) and TRUST_PROXY=true: the
 * load tester stands in for the reverse proxy and names each client's address in X-Forwarded-For. 100 bot
 * accounts from one address try to sign up (solving ALTCHA's proof-of-work like a browser), then, signed in from
 * that address, hoard seats of a 400-seat event as fast as the server answers, never paying, while 50 normal fans,
 * each from an address of their own, sign up and buy two seats. Passes when the bots hold no more than the event's
 * per-address cap and no normal fan was refused.
 */
export const abuse: Scenario = {
  name: "abuse",
  async prepare(sql, events) {
    seatsOnSale = await sql.begin(async (tx) => {
      await tx`
        update events set status = 'on_sale', on_sale_at = now() - interval '1 minute',
          starts_at = greatest(starts_at, now() + interval '7 days'), waiting_room_enabled = false,
          held_seats_per_ip = ${HELD_SEATS_PER_IP}, hold_seconds = 600, updated_at = now()
        where id = ${events.theatre}`;
      return keepSeatsOnSale(tx, events.theatre, SEATS);
    });
  },
  async run(context) {
    const { options, sampler, signal, cluster, sql, redis, random } = context;
    const eventId = context.events.theatre;
    const durationS = options.durationS ?? (options.quick ? 8 : 20);
    const windowStart = sampler.now();
    const instance = await cluster.sibling({
      count: 1,
      workers: 1,
      labelPrefix: "abuse-server",
      env: { BOT_PROTECTION: "on", TRUST_PROXY: "true" },
    });
    for (const child of instance.instances) context.adopt(child);
    await instance.start(signal);
    /** What the bots' hold requests were answered, by code. */
    const botAnswers = new Map<string, number>();
    const countBot = (code: string) => botAnswers.set(code, (botAnswers.get(code) ?? 0) + 1);
    const client = (email: string, ip: string, index: number) => {
      const fan = new FanClient({ email, password: LOAD_FAN_PASSWORD }, instance.urls, index);
      fan.forwardedFor = ip;
      return fan;
    };
    /** Signs up as the web app does: a challenge if the server asks for one, solved, then auth.register. */
    const register = async (fan: FanClient, name: string) => {
      const offer = await fan.trpc.auth.challenge.query();
      const proofOfWork = offer.required ? await solveProofOfWork(offer.challenge) : undefined;
      const { user } = await fan.trpc.auth.register.mutate({
        email: fan.account.email,
        password: LOAD_FAN_PASSWORD,
        name,
        proofOfWork,
      });
      fan.userId = user.id;
    };
    const stamp = Date.now().toString(36);

    try {
      // 1. Sign-ups: the bots all at once from one address, the fans from theirs.
      const bots = Array.from({ length: BOTS }, (_, i) => client(`bot${i}-${stamp}@abuse.test`, BOT_IP, i));
      const fans = Array.from({ length: FANS }, (_, i) => client(`fan${i}-${stamp}@abuse.test`, fanIp(i), i));
      const signUpStarted = performance.now();
      const botSignUps = await Promise.all(
        bots.map((bot, i) =>
          register(bot, `Bot ${i}`).then(
            () => "ok",
            (error: unknown) => errorCode(error),
          ),
        ),
      );
      const botSignUpMs = performance.now() - signUpStarted;
      const botsRegistered = botSignUps.filter((code) => code === "ok").length;
      // The rest of the bot accounts exist already (made earlier, from elsewhere): they sign in from the bot address.
      const missing = bots.filter((_, i) => botSignUps[i] !== "ok");
      if (missing.length > 0) {
        const passwordHash = await hashPassword(LOAD_FAN_PASSWORD);
        await sql`insert into users ${sql(missing.map((bot, i) => ({ email: bot.account.email, name: `Aged bot ${i}`, password_hash: passwordHash })))}`;
        await runPool(missing, 8, (bot) => bot.login());
      }
      context.log(`abuse: ${botsRegistered} of ${BOTS} bot sign-ups from one address got through; ${missing.length} bot accounts pre-made`);

      // 2. The on-sale: bots hoard for the whole window while the fans sign up and buy.
      const outcomes: FanOutcome[] = fans.map(() => ({ registered: false, bought: 0 }));
      const progress = new ProgressLine(
        () => `abuse: bot holds ${botAnswers.get("OK") ?? 0}, fans bought ${outcomes.filter((o) => o.bought > 0).length}/${FANS}`,
      );
      const deadline = performance.now() + durationS * 1000;
      const hoard = async (bot: FanClient) => {
        while (performance.now() < deadline && !signal.aborted) {
          try {
            await bot.trpc.holds.create.mutate({ eventId, best: { quantity: 4 } });
            countBot("OK");
          } catch (error) {
            const code = errorCode(error);
            countBot(code);
            const retryAfterMs = (error as { data?: { retryAfterMs?: number } }).data?.retryAfterMs;
            // A bot that is told to wait waits (as little as it is told); any other refusal: a short pause.
            await sleep(Math.min(retryAfterMs ?? random.int(50, 200), Math.max(0, deadline - performance.now())), signal);
          }
        }
      };
      const buy = async (fan: FanClient, i: number) => {
        const outcome = outcomes[i]!;
        await sleep(random.int(0, Math.min(3_000, durationS * 500)), signal);
        try {
          await register(fan, `Fan ${i}`);
          outcome.registered = true;
          let hold: { holdId: string; seatIds: string[] } | undefined;
          for (let attempt = 0; attempt < 5 && !hold; attempt++) {
            try {
              hold = await fan.trpc.holds.create.mutate({ eventId, best: { quantity: 2 } });
            } catch (error) {
              // Losing a race for a block to another fan is no refusal: the fan picks again.
              if (errorCode(error) !== "SEAT_UNAVAILABLE") throw error;
            }
          }
          if (!hold) throw new Error("SEAT_UNAVAILABLE five times");
          await fan.trpc.checkout.complete.mutate({
            holdId: hold.holdId,
            idempotencyKey: randomUUID(),
            payment: { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: 2030, cvc: "123", name: `Fan ${i}` },
          });
          outcome.bought = hold.seatIds.length;
        } catch (error) {
          outcome.refusal = errorCode(error);
        }
      };
      const hoardStarted = performance.now();
      await Promise.all([...bots.map(hoard), ...fans.map(buy)]);
      progress.stop();
      const hoardS = (performance.now() - hoardStarted) / 1000;

      // 3. What the bots got: their holds (they never pay) and any orders, from Redis and Postgres.
      const botIds = new Set(bots.map((bot) => bot.userId));
      const inventory = await readRedisInventory(redis, eventId);
      let botSeatsHeld = 0;
      let heldFromBotIp = 0;
      for (const hold of inventory.holds.values()) {
        const tickets = hold.seatIds.length + hold.generalAdmission.reduce((sum, item) => sum + item.quantity, 0);
        if (botIds.has(hold.userId)) botSeatsHeld += tickets;
        if (hold.clientIp === BOT_IP) heldFromBotIp += tickets;
      }
      const [botOrders] = await sql<Array<{ tickets: number }>>`
        select count(t.id)::int as tickets from orders o join tickets t on t.order_id = o.id
        where o.event_id = ${eventId} and o.user_id = any(${[...botIds]})`;
      const botSeats = botSeatsHeld + (botOrders?.tickets ?? 0);
      const counted = Number((await redis.hget(keys.eventInventory(eventId).userHeld, `ip:${BOT_IP}`)) ?? 0);
      const refused = outcomes.filter((outcome) => outcome.refusal !== undefined);
      const fansBought = outcomes.reduce((sum, outcome) => sum + outcome.bought, 0);
      const codes = [...botAnswers].sort((a, b) => b[1] - a[1]);
      const botRequests = codes.reduce((sum, [, n]) => sum + n, 0);

      return {
        name: "abuse",
        title: "Bots against the limits",
        setup:
          `${BOTS} bot accounts from one address (${BOT_IP}) and ${FANS} normal fans (one address each, in X-Forwarded-For; ` +
          `the instance runs with TRUST_PROXY=true and BOT_PROTECTION=on) on "The Glass Menagerie" with ${seatsOnSale} seats on sale, ` +
          `a cap of ${HELD_SEATS_PER_IP} seats held at once per address, ${durationS} s of hoarding.`,
        window: [windowStart, sampler.now()],
        figures: [
          ["bot sign-ups that got through (one address)", `${botsRegistered} of ${BOTS} (took ${format.s(botSignUpMs / 1000)}, proof-of-work included)`],
          ["seats the bots got (held + bought)", `${botSeats} (cap per address ${HELD_SEATS_PER_IP})`],
          ["bot hold requests", `${format.int(botRequests)} in ${format.s(hoardS)}: ${codes.map(([code, n]) => `${code} ${n}`).join(", ")}`],
          ["normal fans refused", `${refused.length} of ${FANS}${refused.length > 0 ? ` (${refused.map((o) => o.refusal).join(", ")})` : ""}`],
          ["normal fans who bought", `${outcomes.filter((o) => o.bought > 0).length} of ${FANS} (${fansBought} seats)`],
        ],
        tables: [resourceTable(sampler, [windowStart, sampler.now()])],
        charts: [],
        invariants: [
          invariant(
            "bots hold no more than the per-address cap",
            botSeats,
            Math.max(0, botSeats - HELD_SEATS_PER_IP),
            `bots got ${botSeats} seats; the cap is ${HELD_SEATS_PER_IP}`,
          ),
          invariant(
            "no normal fan was refused",
            FANS,
            refused.length,
            refused.length === 0 ? `all ${FANS} signed up and bought` : `refused: ${refused.map((o) => o.refusal).join(", ")}`,
          ),
          invariant(
            "the address's held count matches its holds",
            1,
            counted === heldFromBotIp ? 0 : 1,
            `Redis counts ${counted} held from ${BOT_IP}; its holds add up to ${heldFromBotIp}`,
          ),
        ],
        notes: [
          "Bot accounts beyond the sign-up limit are inserted directly (accounts made earlier, from elsewhere), so the hold cap is tested with all 100.",
        ],
      };
    } finally {
      await instance.stop();
    }
  },
};
