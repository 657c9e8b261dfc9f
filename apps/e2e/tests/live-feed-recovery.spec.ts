import { expect, test, type WebSocketRoute } from "@playwright/test";
import { openSeatMap, query, seatsHoldableAlone, seatStatus, signUpFan, type EventSummary, type SeatMap } from "./support";

test("when the server ends a fan's live feed with an error, the map reconnects by itself and stays live", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const watcher = await browser.newContext();
  const holder = await browser.newContext();
  try {
    await signUpFan(holder, "Holly");
    const list = await query<{ items: EventSummary[] }>(holder, "events.list", { q: "overthinking" });
    const eventId = list.items.find((item) => item.status === "on_sale" && !item.waitingRoom)?.id;
    expect(eventId, "the seeded comedy night").toBeTruthy();

    // The watcher's socket passes through here, so the test can answer a subscription with an error as a server
    // whose database just restarted would.
    const subscriptions: number[] = [];
    let socket: WebSocketRoute | undefined;
    const page = await watcher.newPage();
    await page.routeWebSocket(/\/trpc/, (route) => {
      socket = route;
      const server = route.connectToServer();
      route.onMessage((message) => {
        if (message === "PING") return server.send(message); // the client's keep-alive
        // tRPC's WebSocket link sends one request per frame, or several at once as an array.
        type Request = { id?: number; method?: string; params?: { path?: string } };
        const parsed = JSON.parse(String(message)) as Request | Request[];
        for (const request of Array.isArray(parsed) ? parsed : [parsed]) {
          if (request.method === "subscription" && request.params?.path === "seats.onChange")
            subscriptions.push(request.id!);
        }
        server.send(message);
      });
      server.onMessage((message) => route.send(message));
    });
    await openSeatMap(page, eventId!);
    expect(subscriptions).toHaveLength(1);

    socket!.send(
      JSON.stringify({
        id: subscriptions[0],
        error: {
          json: {
            message: "Internal server error",
            code: -32603,
            data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
          },
        },
      }),
    );
    const indicator = page.getByRole("status").filter({ hasText: /Live|Reconnecting|Offline|Connecting/ });
    await expect(indicator).toContainText("Reconnecting");
    // Reloads the map and subscribes again from its sequence, without the fan doing anything.
    await expect(indicator).toContainText("Live", { timeout: 15_000 });
    expect(subscriptions.length).toBeGreaterThan(1);

    const map = await query<SeatMap>(holder, "seats.map", { eventId });
    // From the end of the list: the hold-expiry flow, running beside this one on the same event, takes the first.
    const available = seatsHoldableAlone(map);
    const seat =
      available[available.length - 1 - Math.floor(Math.random() * Math.min(50, available.length))]!;
    const held = await holder.request.post("/trpc/holds.create", {
      data: { json: { eventId, seatIds: [seat.id] } },
    });
    expect(held.ok(), `holds.create answered ${held.status()}`).toBeTruthy();
    await expect.poll(() => seatStatus(page, seat.id)).toBe("held");
  } finally {
    await watcher.close();
    await holder.close();
  }
});

test("when the socket goes silent, the Live badge stops saying Live until a working socket is back", async ({ browser }) => {
  test.setTimeout(60_000);
  const context = await browser.newContext();
  try {
    const list = await query<{ items: EventSummary[] }>(context, "events.list", { q: "overthinking" });
    const eventId = list.items.find((item) => item.status === "on_sale" && !item.waitingRoom)?.id;
    expect(eventId, "the seeded comedy night").toBeTruthy();

    // A dropped network: the sockets open when it drops, and any opened while it is down, go dead without closing
    // (nothing reaches either side any more); sockets opened once it is back work.
    let networkUp = true;
    let sockets = 0;
    let socketsAtRecovery = 0;
    const page = await context.newPage();
    const silenced: Array<() => void> = [];
    await page.routeWebSocket(/\/trpc/, (route) => {
      sockets++;
      let dead = !networkUp;
      if (networkUp) silenced.push(() => (dead = true));
      const server = route.connectToServer();
      route.onMessage((message) => {
        if (!dead) server.send(message);
      });
      server.onMessage((message) => {
        if (!dead) route.send(message);
      });
    });
    await openSeatMap(page, eventId!);
    const indicator = page.getByRole("status").filter({ hasText: /Live|Reconnecting|Offline|Connecting/ });
    await expect(indicator).toHaveClass(/connection--live/);

    // Every state the badge takes from here on, as it happens (a poll could miss a state that lasts a few ms), with
    // marks where the network went down and came back.
    await page.evaluate(() => {
      const states: string[] = [];
      (window as unknown as { badgeStates: string[] }).badgeStates = states;
      const note = () => {
        const state = /connection--(\w+)/.exec(document.querySelector(".connection")?.className ?? "")?.[1] ?? "none";
        if (states.findLast((entry) => !entry.startsWith("|")) !== state) states.push(state);
      };
      note();
      new MutationObserver(note).observe(document.body, { subtree: true, attributes: true, childList: true });
    });
    const badgeStates = () => page.evaluate(() => (window as unknown as { badgeStates: string[] }).badgeStates);
    const mark = (what: string) =>
      page.evaluate((entry) => (window as unknown as { badgeStates: string[] }).badgeStates.push(entry), what);

    await mark("|down");
    networkUp = false;
    for (const silence of silenced.splice(0)) silence();
    // The client's keep-alive notices within seconds; the badge then stays off Live for as long as the network is
    // down, whatever reconnects the client tries meanwhile.
    await expect(indicator).toHaveClass(/connection--(connecting|reconnecting|offline)/, { timeout: 15_000 });
    await page.waitForTimeout(8_000);
    await expect(indicator).toHaveClass(/connection--(connecting|reconnecting|offline)/);

    socketsAtRecovery = sockets;
    await mark("|up");
    networkUp = true;
    await expect(indicator).toHaveClass(/connection--live/, { timeout: 20_000 });
    expect(sockets).toBeGreaterThan(socketsAtRecovery);
    const states = await badgeStates();
    // Live, then off Live (never Live again while the network was down), then Live on the new socket. Once back,
    // the map reloads its snapshot (organizer changes may have been missed), which may show Connecting for a moment.
    const whileDown = states.slice(states.indexOf("|down") + 1, states.indexOf("|up"));
    expect(states.slice(0, states.indexOf("|down"))).toEqual(["live"]);
    expect(whileDown.length, states.join(" ")).toBeGreaterThan(0);
    expect(whileDown, states.join(" ")).not.toContain("live");
    expect(states.slice(states.indexOf("|up") + 1), states.join(" ")).toContain("live");
  } finally {
    await context.close();
  }
});
