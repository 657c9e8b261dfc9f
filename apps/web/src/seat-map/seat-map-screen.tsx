import { useEffect, useEffectEvent, useMemo, useState, type CSSProperties, type ReactNode } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { ErrorState } from "../components/error-state";
import { loadAccessPass } from "../lib/access-pass";
import { formatCount, formatMoney } from "../lib/format";
import type { EventDetail, SessionUser } from "../lib/types";
import { trpc } from "../trpc";
import { BestAvailableForm, type BestRequest } from "./best-available-form";
import { GeneralAdmissionForm } from "./general-admission-form";
import { HoldCard, ticketCount } from "./hold-card";
import { holdFailure } from "./hold-error";
import { describeSeats } from "./describe-seats";
import { MapControls } from "./map-controls";
import { MapView } from "./map-view";
import { SeatListView } from "./seat-list-view";
import { seatLabel, seatPlace } from "./seat-label";
import { SeatMapCanvas } from "./seat-map-canvas";
import { SeatMapLegend } from "./seat-map-legend";
import { SeatMapSkeleton } from "./seat-map-skeleton";
import { SelectionPanel } from "./selection-panel";
import { sectionName } from "./section-name";
import { installSeatMapTestHook } from "./test-hook";
import type { Hold } from "./types";
import { useMyHolds } from "./use-my-holds";
import { takenMessage, useSeatSelection, type Notice } from "./use-seat-selection";
import { useSeatMapState } from "./use-seat-map-state";
import { useAfterFirstPaint } from "./use-after-first-paint";
import { fetchSeatIds, rememberOwnChange } from "./seat-map-parts";
import type { SeatModel } from "./seat-model";
import { worldToScreen } from "./viewport";
import { ConnectionIndicator } from "./connection-indicator";
import { NoticeBanner } from "./notice-banner";
import { leftWords } from "./left-words";

type PendingHold = "seats" | "best" | "ga";

/**
 * The live seat map with everything around it: the canvas (or the list view), the legend, the fan's
 * selection, best available, general admission, and the holds with their countdowns.
 */
export function SeatMapScreen({
  event,
  user,
  interactive,
}: {
  event: EventDetail;
  user: SessionUser | null | undefined;
  /** False before the on-sale (or while paused): look, don't pick. */
  interactive: boolean;
}) {
  const eventId = event.id;
  const navigate = useNavigate();
  const location = useLocation();
  const { model, mapQuery, connection, reconnect } = useSeatMapState(eventId);
  const [view] = useState(() => new MapView({ minX: 0, minY: 0, maxX: 100, maxY: 100 }, 1));
  const [notice, setNotice] = useState<Notice | null>(null);
  // An organizer stopping or restarting sales while the fan is here is announced where they are looking.
  const [seenStatus, setSeenStatus] = useState(event.status);
  if (seenStatus !== event.status) {
    setSeenStatus(event.status);
    const change = saleChangeNotice(seenStatus, event.status);
    if (change) setNotice(change);
  }
  const [listView, setListView] = useState(false);
  const [activeSectionId, setActiveSectionId] = useState<string | null>(null);
  const signedIn = Boolean(user);
  const myHolds = useMyHolds(eventId, signedIn);
  const selection = useSeatSelection({ eventId, model, notify: setNotice });
  // A reload right after must show the hold: the next status read asks for one at least this recent.
  const createHold = trpc.holds.create.useMutation({ onSuccess: (hold) => rememberOwnChange(eventId, hold.seq) });
  const releaseHold = trpc.holds.release.useMutation();
  const [pending, setPending] = useState<PendingHold | null>(null);

  useEffect(() => {
    if (model) view.setContent(model.bounds, model.pitch);
  }, [model, view]);

  const mine = useMemo(() => {
    const set = new Set<number>();
    if (!model) return set;
    for (const hold of myHolds.holds) for (const index of model.seatIndexesOf(hold)) set.add(index);
    return set;
  }, [model, myHolds.holds]);

  const selected = selection.selected;
  const selectedIndexes = new Set(selected);
  const heldCount = myHolds.holds.reduce((sum, hold) => sum + ticketCount(hold), 0);
  const limitLeft = Math.max(0, event.perFanLimit - heldCount);
  const activeSection =
    model && activeSectionId ? model.sections[model.sectionIndexOf(activeSectionId)] : undefined;
  const nextHere = encodeURIComponent(location.pathname + location.search);

  // Bring the general-admission form into view (it sits below the map on phones).
  useEffect(() => {
    if (activeSectionId)
      document.getElementById("ga-form")?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [activeSectionId]);
  const panelShown = useAfterFirstPaint(model !== null);

  if (mapQuery.isError) {
    return (
      <div className="container-wide seat-page__error">
        <ErrorState
          title="We couldn't load the seat map"
          error={mapQuery.error}
          onRetry={() => void mapQuery.refetch()}
          retrying={mapQuery.isFetching}
        />
      </div>
    );
  }
  if (!model) return <SeatMapSkeleton />;

  const currency = event.currency;
  const mapAspect = String(
    Math.min(
      2,
      Math.max(0.4, (model.bounds.maxY - model.bounds.minY) / (model.bounds.maxX - model.bounds.minX)),
    ),
  );
  const describe = (index: number) => seatLabel(model, index, { currency, mine: mine.has(index) });

  const notify = (next: Notice) => setNotice(next);

  const activateSeat = (index: number): string => {
    const place = seatPlace(model, index);
    if (!interactive) {
      const text = "Seat selection opens when tickets go on sale.";
      notify({ tone: "info", text });
      return text;
    }
    if (mine.has(index) && model.status[index] === 1) {
      const text = `You already hold ${place}.`;
      notify({ tone: "info", text });
      return text;
    }
    if (selectedIndexes.has(index)) {
      selection.toggle(index);
      const left = selected.length - 1;
      return `Removed ${place}. ${left} ${left === 1 ? "seat" : "seats"} selected.`;
    }
    if (!model.isAvailable(index)) {
      const text = `${place} is taken. Pick another seat.`;
      notify({ tone: "info", text });
      return text;
    }
    if (selected.length >= limitLeft) {
      const text =
        limitLeft === 0
          ? `You already hold the most tickets allowed for this event (${event.perFanLimit}).`
          : `You can hold up to ${event.perFanLimit} tickets for this event${heldCount > 0 ? `, and you hold ${heldCount} already` : ""}.`;
      notify({ tone: "warning", text });
      return text;
    }
    selection.toggle(index);
    if (notice?.tone !== "error") setNotice(null);
    const count = selected.length + 1;
    const price = model.tierOfSeat(index);
    return `Selected ${place}${price ? `, ${formatMoney(price.priceCents, currency)}` : ""}. ${count} ${count === 1 ? "seat" : "seats"} selected.`;
  };

  const activateSection = (sectionIndex: number): string | void => {
    const section = model.sections[sectionIndex];
    if (!section) return;
    if (section.kind === "general_admission") {
      setActiveSectionId(section.id);
      return `${sectionName(section.name)}: ${section.available > 0 ? `${formatCount(section.available)} left` : "sold out"}. Choose how many tickets in the panel.`;
    }
    if (section.bounds) view.showRect(section.bounds);
    return `Showing ${sectionName(section.name)}, ${formatCount(section.available)} seats left.`;
  };

  const describeSection = (sectionIndex: number): string => {
    const section = model.sections[sectionIndex];
    if (!section) return "";
    const tier = model.tiers[section.tierIndex];
    const left = section.available > 0 ? `${formatCount(section.available)} left` : "Sold out";
    if (section.kind === "general_admission") {
      return `${sectionName(section.name)} · standing${tier ? ` · ${formatMoney(tier.priceCents, currency)}` : ""} · ${left}`;
    }
    return `${sectionName(section.name)} · ${left} · click to see seats`;
  };

  const signIn = () => navigate(`/signin?next=${nextHere}`);

  const succeeded = (hold: Hold, what: PendingHold) => {
    myHolds.added(hold, event.holdSeconds);
    const indexes = model.seatIndexesOf(hold);
    model.markHeld(indexes);
    selection.remove(indexes);
    if (what === "ga") setActiveSectionId(null);
    const count = ticketCount({ seatIds: hold.seatIds, sections: hold.sections ?? [] });
    if (what === "best" && indexes.length > 0) {
      view.showRect(model.boundsOfSeats(indexes));
      notify({
        tone: "success",
        text: `We found ${count === 1 ? "a seat" : `${count} seats together`} for you: ${describeSeats(model, indexes)}.`,
      });
      return;
    }
    notify({
      tone: "success",
      text: `${count === 1 ? "Your ticket is" : `Your ${count} tickets are`} held. Check out before the timer runs out.`,
    });
  };

  const failed = (error: unknown, what: PendingHold) => {
    const failure = holdFailure(error);
    if (failure.signIn) {
      signIn();
      return;
    }
    if (failure.layoutChanged) {
      // The seats were picked on a map that is out of date: load the new one (the picks go with the old one).
      notify({ tone: "warning", text: failure.message });
      void mapQuery.refetch();
      return;
    }
    const taken = model.seatIndexesOf(failure.taken);
    if (failure.seatUnavailable && taken.length > 0) {
      // Show them grey now; the live change confirms it.
      model.markHeld(taken);
      const takenSet = new Set(taken);
      selection.remove(taken);
      const left = selected.filter((index) => !takenSet.has(index)).length;
      notify({
        tone: "warning",
        text: `${takenMessage(model, taken)}. Nothing was held.${left > 0 ? ` Your other ${left === 1 ? "seat is" : `${left} seats are`} still selected.` : " Pick another seat."}`,
      });
      return;
    }
    if (failure.waitingRoom) {
      void navigate(`/events/${eventId}/waiting-room`);
      return;
    }
    if (failure.seatUnavailable && what !== "seats") {
      notify({ tone: "warning", text: `${failure.message}. Try fewer tickets or another section.` });
      return;
    }
    notify({ tone: "error", text: failure.message });
  };

  const hold = (
    what: PendingHold,
    input: Parameters<typeof createHold.mutate>[0],
    seatIndexes: readonly number[],
  ) => {
    if (!signedIn) {
      signIn();
      return;
    }
    setPending(what);
    selection.setHolding(seatIndexes);
    setNotice(null);
    // A waiting-room on-sale needs the access pass the waiting room handed this tab.
    const accessPass = event.waitingRoom ? loadAccessPass(eventId)?.pass : undefined;
    createHold.mutate(accessPass ? { ...input, accessPass } : input, {
      onSuccess: (result) => succeeded(result, what),
      onError: (error) => failed(error, what),
      onSettled: () => {
        setPending(null);
        selection.setHolding([]);
      },
    });
  };

  const holdSelected = () =>
    hold("seats", { eventId, layoutVersion: model.layoutVersion, seatIndexes: [...selected] }, selected);
  const holdBest = (request: BestRequest) => hold("best", { eventId, best: request }, []);
  const holdStanding = (sectionId: string, quantity: number) =>
    hold("ga", { eventId, sections: [{ sectionId, quantity }] }, []);

  const release = (holdId: string) => {
    releaseHold.mutate(
      { holdId },
      {
        onSuccess: () => {
          myHolds.removed(holdId);
          notify({ tone: "info", text: "Released. Those seats are back on sale." });
        },
        onError: (error) => {
          const failure = holdFailure(error);
          if (failure.signIn) return signIn();
          myHolds.removed(holdId);
          notify({ tone: "error", text: failure.message });
        },
      },
    );
  };

  const expired = (holdId: string) => {
    myHolds.expire(holdId);
    notify({
      tone: "warning",
      text: "Your hold expired, so those seats went back on sale. You can pick them again.",
    });
  };

  return (
    <>
      <TestHook model={model} view={view} activate={activateSeat} />
      <div className="container-wide seat-page__body">
        <section className="seat-page__map" aria-labelledby="seat-map-title">
          <div className="seat-page__toolbar">
            <h2 id="seat-map-title" className="seat-page__map-title">
              {listView ? "Seats by section" : "Seat map"}
              <span className="seat-page__left">{leftWords(model.availableByKind())}</span>
            </h2>
            <div className="seat-page__tools">
              <ConnectionIndicator state={connection} onRetry={reconnect} />
              <button
                type="button"
                className="button button--secondary button--small"
                onClick={() => setListView((current) => !current)}
              >
                {listView ? "Map view" : "List view"}
              </button>
            </div>
          </div>
          {/* Above the map, so what the colours mean is in view with it (a 1440×900 screen included). */}
          <SeatMapLegend tiers={model.tiers} currency={currency} />
          {listView ? (
            <SeatListView
              model={model}
              currency={currency}
              selected={selectedIndexes}
              mine={mine}
              interactive={interactive}
              seatLabel={describe}
              onSeatActivate={activateSeat}
              onSectionActivate={activateSection}
            />
          ) : (
            <div className="seat-page__canvas" style={{ "--map-aspect": mapAspect } as CSSProperties}>
              <SeatMapCanvas
                model={model}
                view={view}
                selected={selectedIndexes}
                mine={mine}
                activeSection={activeSection?.index ?? -1}
                describeSeat={(index) =>
                  `${describe(index)}${selectedIndexes.has(index) ? ", selected" : ""}`
                }
                describeSection={describeSection}
                onSeatActivate={activateSeat}
                onSectionActivate={activateSection}
              />
              <MapControls view={view} interactive={interactive} hint={selected.length === 0} />
              {selected.length > 0 ? (
                <button
                  type="button"
                  className="map-review"
                  onClick={() =>
                    document
                      .getElementById("selection-panel")
                      ?.scrollIntoView({ behavior: "smooth", block: "start" })
                  }
                >
                  Review {selected.length} {selected.length === 1 ? "seat" : "seats"}
                  <span aria-hidden="true"> ↓</span>
                </button>
              ) : null}
            </div>
          )}
        </section>

        <SidePanel shown={panelShown}>
          <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
          {myHolds.holds.map((held) => (
            <HoldCard
              key={held.holdId}
              hold={held}
              model={model}
              currency={currency}
              feeCents={event.feeCents}
              releasing={releaseHold.isPending && releaseHold.variables?.holdId === held.holdId}
              clockOffsetMs={myHolds.clockOffsetMs}
              paused={event.status === "paused"}
              onRelease={() => release(held.holdId)}
              onExpired={() => expired(held.holdId)}
              onShow={() => {
                setListView(false);
                view.showRect(model.boundsOfSeats(model.seatIndexesOf(held)));
              }}
            />
          ))}
          {!signedIn && user !== undefined ? (
            <p className="panel-note">
              <Link to={`/signin?next=${nextHere}`}>Sign in</Link> or{" "}
              <Link to={`/signup?next=${nextHere}`}>create an account</Link> to hold seats. Your picks stay
              selected.
            </p>
          ) : null}
          {activeSection && activeSection.kind === "general_admission" ? (
            <div id="ga-form">
              <GeneralAdmissionForm
                key={activeSection.id}
                model={model}
                section={activeSection}
                currency={currency}
                limitLeft={limitLeft}
                pending={pending === "ga"}
                canHold={interactive && pending === null}
                onSubmit={(quantity) => holdStanding(activeSection.id, quantity)}
                onClose={() => setActiveSectionId(null)}
              />
            </div>
          ) : null}
          <SelectionPanel
            model={model}
            selected={selected}
            currency={currency}
            feeCents={event.feeCents}
            limitLeft={limitLeft}
            perFanLimit={event.perFanLimit}
            holding={pending === "seats"}
            canHold={interactive && pending === null}
            onRemove={(index) => selection.remove([index])}
            onHold={holdSelected}
            onClear={selection.clear}
          />
          {interactive ? (
            <BestAvailableForm
              model={model}
              currency={currency}
              limitLeft={limitLeft}
              pending={pending === "best"}
              canHold={pending === null}
              onSubmit={holdBest}
            />
          ) : null}
        </SidePanel>
      </div>
    </>
  );
}

/** The panel beside the map; its content comes a frame after the map (see useAfterFirstPaint). */
function SidePanel({ shown, children }: { shown: boolean; children: ReactNode }) {
  return (
    <aside className="seat-page__panel" aria-label="Your tickets">
      {shown ? children : null}
    </aside>
  );
}

const SELLING: ReadonlySet<EventDetail["status"]> = new Set(["on_sale", "sold_out"]);

/** What to tell a fan on the map when the event's status changes under them; null when it changes nothing for them. */
function saleChangeNotice(before: EventDetail["status"], after: EventDetail["status"]): Notice | null {
  switch (after) {
    case "paused":
      return {
        tone: "warning",
        text: "Sales are paused: your seats are kept, and their timer stands still until sales resume. You can pick more seats then.",
      };
    case "ended":
      return { tone: "warning", text: "Sales for this event have ended. Tickets are no longer on sale." };
    case "cancelled":
      return { tone: "error", text: "This event has been cancelled. Tickets are no longer on sale." };
    case "on_sale":
      if (before === "paused") return { tone: "success", text: "Sales are back on. Pick your seats." };
      return SELLING.has(before) ? null : { tone: "success", text: "Tickets are on sale now. Pick your seats." };
    default:
      return null;
  }
}

/** Installs `window.__frontrowSeatMap` for browser tests while the map is on screen. */
function TestHook({
  model,
  view,
  activate,
}: {
  model: SeatModel;
  view: MapView;
  activate: (index: number) => unknown;
}) {
  const click = useEffectEvent((index: number) => activate(index));
  useEffect(() => {
    let ids: Promise<void> | null = null;
    const loadIds = () =>
      (ids ??= model.ids
        ? Promise.resolve()
        : fetchSeatIds(model.eventId, model.layoutVersion).then((loaded) => model.attachIds(loaded)));
    const indexOf = (seatId: string) => {
      if (!model.ids) void loadIds().catch(() => (ids = null));
      return model.indexOf(seatId);
    };
    const known = (index: number) => index >= 0 && index < model.count;
    const pointAt = (index: number) => {
      const canvas = document.querySelector('[data-testid="seat-map-canvas"]');
      if (!known(index) || !canvas) return null;
      const rect = canvas.getBoundingClientRect();
      const { x, y } = worldToScreen(view.viewport, model.xs[index]!, model.ys[index]!);
      return { x: rect.left + x, y: rect.top + y };
    };
    return installSeatMapTestHook({
      async clickSeat(seatId) {
        await loadIds();
        const index = model.indexOf(seatId);
        if (index < 0) throw new Error(`No seat ${seatId} on this map`);
        click(index);
      },
      seatStatus: (seatId) => {
        const index = indexOf(seatId);
        return known(index) ? model.statusOf(index) : "unknown";
      },
      seatPoint: (seatId) => pointAt(indexOf(seatId)),
      clickSeatAt(index) {
        if (!known(index)) throw new Error(`No seat at index ${index} on this map`);
        click(index);
      },
      seatStatusAt: (index) => (known(index) ? model.statusOf(index) : "unknown"),
      seatPointAt: pointAt,
    });
  }, [model, view]);
  return null;
}
