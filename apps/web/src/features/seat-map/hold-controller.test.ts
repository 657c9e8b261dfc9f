import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { HoldController, type HoldPorts } from "./hold-controller";
import { SeatModel } from "./seat-model";
import { id, snapshot } from "./test-snapshot";
import type { Hold, HoldInput, MyHold } from "./types";

const seatId = (index: number) => id(1000 + index);

/** Section A: 20 seats, the first 3 sold; section B: 20 seats. Layout "v1", seq 10. */
function model(version = "v1") {
  const map = snapshot([
    { name: "A", top: 0, rows: 2, taken: 3 },
    { name: "B", top: 100, rows: 2 },
  ]);
  return SeatModel.fromSnapshot({ ...map, seq: 10, version });
}

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** The server as the controller sees it: answers `createHold` as told, and records what the page was asked to do. */
function harness(options: { answer?: (input: HoldInput) => Promise<Hold>; storage?: ReturnType<typeof memoryStorage> } = {}) {
  const calls: string[] = [];
  const sent: HoldInput[] = [];
  const ports: HoldPorts = {
    createHold(input) {
      sent.push(input);
      return options.answer ? options.answer(input) : Promise.resolve(holdOf(input));
    },
    releaseHold: async (holdId) => void calls.push(`release ${holdId}`),
    accessPass: () => "pass-1",
    holdAdded: (hold) => void calls.push(`added ${hold.holdId}`),
    holdRemoved: (holdId) => void calls.push(`removed ${holdId}`),
    signIn: () => void calls.push("sign in"),
    toWaitingRoom: () => void calls.push("waiting room"),
    reloadMap: () => void calls.push("reload map"),
    storage: options.storage ?? memoryStorage(),
  };
  const controller = new HoldController(id(0), ports);
  controller.setRules({ signedIn: true, interactive: true, perFanLimit: 4, holdSeconds: 600, currency: "USD" });
  return { controller, calls, sent };
}

function holdOf(input: HoldInput): Hold {
  const indexes = "seatIndexes" in input && input.seatIndexes ? input.seatIndexes : [];
  return {
    holdId: `${id(0)}.hold`,
    eventId: id(0),
    seatIds: indexes.map(seatId),
    seatIndexes: indexes,
    layoutVersion: "v1",
    sections: [],
    expiresAt: new Date(Date.now() + 600_000),
    price: { lines: [], tickets: indexes.length, subtotalCents: 0, feesCents: 0, totalCents: 0, currency: "USD" },
    seq: 11,
  };
}

function refusal(domainCode: string, data: Record<string, unknown> = {}) {
  return TRPCClientError.from({
    error: { message: "Some of these seats were just taken", code: -32009, data: { code: "CONFLICT", httpStatus: 409, domainCode, ...data } },
  });
}

describe("HoldController: picking seats", () => {
  it("picks and drops a seat, refuses a taken one, and says so for a screen reader", () => {
    const { controller } = harness();
    const m = model();
    controller.setModel(m);
    expect(controller.activateSeat(5)).toMatch(/^Selected .*\. 1 seat selected\.$/);
    expect(controller.getState().selected).toEqual([5]);
    expect(controller.activateSeat(5)).toMatch(/^Removed .*\. 0 seats selected\.$/);
    expect(controller.activateSeat(1)).toMatch(/is taken\. Pick another seat\.$/);
    expect(controller.getState().selected).toEqual([]);
    expect(controller.getState().notice?.tone).toBe("info");
  });

  it("stops at the fan's limit, counting what they already hold", () => {
    const { controller } = harness();
    controller.setModel(model());
    const held: MyHold = { ...holdOf({ eventId: id(0), layoutVersion: "v1", seatIndexes: [30, 31, 32] }), status: "active" };
    controller.setServerHolds([held]);
    expect(controller.getState().limitLeft).toBe(1);
    controller.activateSeat(5);
    expect(controller.activateSeat(6)).toBe("You can hold up to 4 tickets for this event, and you hold 3 already.");
    expect(controller.getState().selected).toEqual([5]);
  });

  it("looks but does not pick before the on-sale", () => {
    const { controller } = harness();
    controller.setModel(model());
    controller.setRules({ signedIn: true, interactive: false, perFanLimit: 4, holdSeconds: 600, currency: "USD" });
    expect(controller.activateSeat(5)).toBe("Seat selection opens when tickets go on sale.");
    expect(controller.getState().selected).toEqual([]);
  });

  it("drops a picked seat another fan takes, naming it, and keeps the rest", () => {
    const { controller } = harness();
    const m = model();
    controller.setModel(m);
    controller.activateSeat(5);
    controller.activateSeat(6);
    m.applyMessage({ seq: 11, version: "v1", changes: [{ seatId: seatId(5), status: "held", index: 5 }] });
    const { selected, notice } = controller.getState();
    expect(selected).toEqual([6]);
    expect(notice).toEqual({ tone: "warning", text: expect.stringMatching(/was just taken\. Your other seat is still selected\.$/) });
  });

  it("tells the page only about live changes that touch its picks (a busy on-sale must not re-render it per message)", () => {
    const { controller } = harness();
    const m = model();
    controller.setModel(m);
    controller.activateSeat(5);
    let told = 0;
    controller.subscribe(() => told++);
    m.applyMessage({ seq: 11, version: "v1", changes: [{ seatId: seatId(30), status: "held", index: 30 }] });
    expect(told).toBe(0);
    m.applyMessage({ seq: 12, version: "v1", changes: [{ seatId: seatId(5), status: "held", index: 5 }] });
    expect(told).toBe(1);
  });

  it("keeps the picks across a sign-in round trip, but not onto another layout", () => {
    const storage = memoryStorage();
    const first = harness({ storage });
    first.controller.setModel(model());
    first.controller.activateSeat(7);
    first.controller.activateSeat(8);

    const back = harness({ storage });
    back.controller.setModel(model());
    expect(back.controller.getState().selected).toEqual([7, 8]);

    const changed = harness({ storage });
    changed.controller.setModel(model("v2"));
    expect(changed.controller.getState().selected).toEqual([]);
  });
});

describe("HoldController: holding", () => {
  it("holds the picks by index in the map's layout, with the access pass, and shows them held at once", async () => {
    const { controller, calls, sent } = harness();
    const m = model();
    controller.setModel(m);
    controller.activateSeat(5);
    controller.activateSeat(6);
    const placing = controller.holdSelected();
    expect(controller.getState().pending).toBe("seats");
    expect(await placing).toBe(true);
    expect(sent).toEqual([{ eventId: id(0), layoutVersion: "v1", seatIndexes: [5, 6], accessPass: "pass-1" }]);
    expect(m.statusOf(5)).toBe("held");
    expect(controller.getState()).toMatchObject({ selected: [], pending: null, notice: { tone: "success" } });
    expect(calls).toEqual([`added ${id(0)}.hold`]);
  });

  it("does not drop the seats of its own hold when their live change arrives before the answer", async () => {
    const m = model();
    let whileWaiting: unknown;
    const { controller } = harness({
      answer: async (input) => {
        m.applyMessage({ seq: 11, version: "v1", changes: [{ seatId: seatId(5), status: "held", index: 5 }] });
        whileWaiting = controller.getState();
        return holdOf(input);
      },
    });
    controller.setModel(m);
    controller.activateSeat(5);
    await controller.holdSelected();
    expect(whileWaiting).toMatchObject({ selected: [5], notice: null, pending: "seats" });
    expect(controller.getState().notice?.text).toBe("Your ticket is held. Check out before the timer runs out.");
  });

  it("when another fan was faster, greys those seats, holds nothing and keeps the other picks", async () => {
    const { controller } = harness({
      answer: () => Promise.reject(refusal("SEAT_UNAVAILABLE", { seatIds: [seatId(6)], seatIndexes: [6], layoutVersion: "v1" })),
    });
    const m = model();
    controller.setModel(m);
    controller.activateSeat(5);
    controller.activateSeat(6);
    expect(await controller.holdSelected()).toBe(false);
    expect(m.statusOf(6)).toBe("held");
    expect(controller.getState().selected).toEqual([5]);
    expect(controller.getState().notice?.text).toMatch(/was just taken\. Nothing was held\. Your other seat is still selected\.$/);
  });

  it("sends a fan without a valid pass to the waiting room, and one on an old layout to the new map", async () => {
    let error = refusal("NOT_ADMITTED");
    const { controller, calls } = harness({ answer: () => Promise.reject(error) });
    controller.setModel(model());
    controller.activateSeat(5);
    await controller.holdSelected();
    error = refusal("LAYOUT_CHANGED");
    await controller.holdSelected();
    expect(calls).toEqual(["waiting room", "reload map"]);
  });

  it("asks a signed-out fan to sign in instead of calling the server", async () => {
    const { controller, calls, sent } = harness();
    controller.setModel(model());
    controller.setRules({ signedIn: false, interactive: true, perFanLimit: 4, holdSeconds: 600, currency: "USD" });
    controller.activateSeat(5);
    expect(await controller.holdSelected()).toBe(false);
    expect(sent).toEqual([]);
    expect(calls).toEqual(["sign in"]);
  });

  it("keeps an expired hold gone even while the server still lists it", () => {
    const { controller, calls } = harness();
    controller.setModel(model());
    const held: MyHold = { ...holdOf({ eventId: id(0), layoutVersion: "v1", seatIndexes: [30] }), status: "active" };
    controller.setServerHolds([held]);
    controller.expire(held.holdId);
    controller.setServerHolds([{ ...held }]);
    expect(controller.getState().holds).toEqual([]);
    expect(calls).toEqual([`removed ${held.holdId}`]);
  });

  it("releases a hold and says the seats are back on sale", async () => {
    const { controller, calls } = harness();
    controller.setModel(model());
    const releasing = controller.release("h1");
    expect(controller.getState().releasing).toBe("h1");
    await releasing;
    expect(controller.getState()).toMatchObject({ releasing: null, notice: { text: "Released. Those seats are back on sale." } });
    expect(calls).toEqual(["release h1", "removed h1"]);
  });
});
