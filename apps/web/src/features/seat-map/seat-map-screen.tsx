import { useEffect, useEffectEvent, useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { QueryErrorState } from "../../components/error-state";
import { formatCount, formatMoney } from "../../lib/format";
import type { Notice } from "../../lib/notice";
import type { EventDetail, SessionUser } from "../../lib/types";
import { BestAvailableForm } from "./best-available-form";
import { GeneralAdmissionForm } from "./general-admission-form";
import { HoldCard } from "./hold-card";
import { MapControls } from "./map-controls";
import { MapView } from "./map-view";
import { SeatListView } from "./seat-list-view";
import { seatLabel } from "./seat-label";
import { SeatMapCanvas } from "./seat-map-canvas";
import { SeatMapLegend } from "./seat-map-legend";
import { SeatMapSkeleton } from "./seat-map-skeleton";
import { SelectionPanel } from "./selection-panel";
import { sectionName } from "./section-name";
import { installSeatMapTestHook } from "./test-hook";
import { useHoldController } from "./use-hold-controller";
import { useSeatMapState } from "./use-seat-map-state";
import { useAfterFirstPaint } from "./use-after-first-paint";
import { fetchSeatIds } from "./seat-map-parts";
import type { SeatModel } from "./seat-model";
import { worldToScreen } from "./viewport";
import { ConnectionIndicator } from "./connection-indicator";
import { NoticeBanner } from "./notice-banner";
import { leftWords } from "./left-words";

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
  const location = useLocation();
  const { model, mapQuery, connection, reconnect } = useSeatMapState(eventId);
  const [view] = useState(() => new MapView({ minX: 0, minY: 0, maxX: 100, maxY: 100 }, 1));
  const [listView, setListView] = useState(false);
  const [activeSectionId, setActiveSectionId] = useState<string | null>(null);
  const signedIn = Boolean(user);
  const { controller, state: holds } = useHoldController({
    event,
    model,
    signedIn,
    interactive,
    reloadMap: () => void mapQuery.refetch(),
    showSeats: (indexes) => model && view.showRect(model.boundsOfSeats(indexes)),
  });
  const { notice, pending, mine, selected, limitLeft } = holds;
  // An organizer stopping or restarting sales while the fan is here is announced where they are looking.
  const seenStatus = useRef(event.status);
  useEffect(() => {
    if (seenStatus.current === event.status) return;
    const change = saleChangeNotice(seenStatus.current, event.status);
    seenStatus.current = event.status;
    if (change) controller.notify(change);
  }, [controller, event.status]);

  useEffect(() => {
    if (model) view.setContent(model.bounds, model.pitch);
  }, [model, view]);

  const selectedIndexes = useMemo(() => new Set(selected), [selected]);
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
        <QueryErrorState title="We couldn't load the seat map" query={mapQuery} />
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

  const activateSeat = (index: number): string => controller.activateSeat(index);

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
          <NoticeBanner notice={notice} onDismiss={() => controller.notify(null)} />
          {holds.holds.map((held) => (
            <HoldCard
              key={held.holdId}
              hold={held}
              releasing={holds.releasing === held.holdId}
              clockOffsetMs={holds.clockOffsetMs}
              paused={event.status === "paused"}
              onRelease={() => void controller.release(held.holdId)}
              onExpired={() => controller.expire(held.holdId)}
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
                onSubmit={(quantity) =>
                  void controller.holdStanding(activeSection.id, quantity).then((held) => held && setActiveSectionId(null))
                }
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
            onRemove={(index) => controller.removePicks([index])}
            onHold={() => void controller.holdSelected()}
            onClear={() => controller.clearPicks()}
          />
          {interactive ? (
            <BestAvailableForm
              model={model}
              currency={currency}
              limitLeft={limitLeft}
              pending={pending === "best"}
              canHold={pending === null}
              onSubmit={(request) => void controller.holdBest(request)}
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
