import { useMemo, useState } from "react";
import { QueryErrorState } from "../../../components/error-state";
import { describeError } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import { ConnectionIndicator } from "../../seat-map/connection-indicator";
import { describeSeats } from "../../seat-map/describe-seats";
import { DEFAULT_SEAT_COLOR } from "../../seat-map/render-seat-map";
import { SeatIcon } from "../../seat-map/seat-icon";
import type { SeatModel } from "../../seat-map/seat-model";
import { useSeatMapState } from "../../seat-map/use-seat-map-state";
import { trpc } from "../../../trpc";
import { LayoutCanvas } from "../layout-canvas";
import { SEAT_STATUS_COLORS } from "./seat-status-colors";

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

interface MapCounts {
  available: number;
  held: number;
  sold: number;
  blocked: number;
  standingCapacity: number;
  standingAvailable: number;
}

function countStatuses(model: SeatModel): MapCounts {
  const counts: MapCounts = {
    available: 0,
    held: 0,
    sold: 0,
    blocked: 0,
    standingCapacity: 0,
    standingAvailable: 0,
  };
  // A resale seat is available: counted with them.
  for (let i = 0; i < model.count; i++) {
    const status = model.statusOf(i);
    counts[status === "resale" ? "available" : status]++;
  }
  for (const section of model.sections) {
    if (section.kind !== "general_admission") continue;
    counts.standingCapacity += section.capacity;
    counts.standingAvailable += Math.max(0, section.available);
  }
  return counts;
}

type Outcome = { tone: "success" | "warning" | "error"; text: string };

/**
 * The event's seats as fans see them, live (`seats.map` then `seats.onChange`), with the counts of each status
 * and seat selection to take seats off sale (block) or put them back (unblock).
 */
export function LiveSeatMap({ eventId }: { eventId: string }) {
  // Every live change re-renders this component (the hook subscribes to the model), so plain counts stay current.
  const { model, mapQuery, connection, reconnect } = useSeatMapState(eventId, { withSeatIds: true });
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const utils = trpc.useUtils();
  const counts = model ? countStatuses(model) : null;

  const selectedIndexes = useMemo(
    () => (model ? [...selected].map((id) => model.indexOf(id)).filter((index) => index >= 0) : []),
    [model, selected],
  );
  const selectedBlocked = model ? selectedIndexes.filter((i) => model.statusOf(i) === "blocked").length : 0;

  const mutation = trpc.admin.events.blockSeats.useMutation({
    onSuccess: async (result, variables) => {
      const verb = variables.blocked ? "Blocked" : "Unblocked";
      const refused = result.refusedSeatIds;
      if (refused.length === 0) {
        setOutcome({ tone: "success", text: `${verb} ${plural(result.changed, "seat")}.` });
        setSelected(new Set());
      } else {
        const named = model
          ? describeSeats(
              model,
              refused.map((id) => model.indexOf(id)).filter((i) => i >= 0),
            )
          : "";
        const why = variables.blocked ? "they are held or sold" : "they were not blocked";
        setOutcome({
          tone: result.changed > 0 ? "warning" : "error",
          text: `${verb} ${plural(result.changed, "seat")}. ${plural(refused.length, "seat was", "seats were")} left as ${refused.length === 1 ? "it was" : "they were"}, because ${why}${named ? `: ${named}` : ""}.`,
        });
        // Keep the refused seats selected, so the organizer sees which they are.
        setSelected(new Set(refused));
      }
      await utils.admin.audit.list.invalidate();
    },
    onError: (error) => {
      const info = describeError(error);
      setOutcome({
        tone: "error",
        text: info.network
          ? "We couldn't reach Frontrow. Check your connection and try again."
          : info.message,
      });
    },
  });

  const change = (blocked: boolean) => {
    if (!model) return;
    setOutcome(null);
    // Only the seats the change applies to: blocking skips seats already blocked, unblocking takes only those.
    const seatIds = selectedIndexes
      .filter((i) => (model.statusOf(i) === "blocked") !== blocked)
      .flatMap((i) => model.ids?.[i] ?? []);
    mutation.mutate({ eventId, seatIds, blocked });
  };
  const blockable = selectedIndexes.length - selectedBlocked;
  /** "Block 3 seats" / "Unblock 1 seat": `count` is how many of the selected seats it would change. */
  const changeButton = (blocked: boolean, count: number) => {
    const verb = blocked ? "Block" : "Unblock";
    return (
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={count === 0 || mutation.isPending}
        aria-busy={mutation.isPending && mutation.variables?.blocked === blocked}
        onClick={() => change(blocked)}
      >
        {count > 0 ? `${verb} ${plural(count, "seat")}` : `${verb} seats`}
      </button>
    );
  };

  return (
    <section className="card card--compact dashboard-panel live-map" aria-labelledby="dashboard-map-heading">
      <div className="dashboard-panel__header">
        <h2 id="dashboard-map-heading" className="dashboard-panel__title">
          Seat map
        </h2>
        {model ? (
          <ConnectionIndicator
            state={connection}
            onRetry={reconnect}
            liveText="seats change colour as fans hold and buy them"
          />
        ) : null}
      </div>
      {mapQuery.isError && !model ? (
        <QueryErrorState compact title="Couldn't load the seat map" query={mapQuery} />
      ) : !model || !counts ? (
        <div className="live-map__loading skeleton" aria-busy="true">
          <span className="visually-hidden" role="status">
            Loading the seat map
          </span>
        </div>
      ) : (
        <>
          <ul className="legend__list live-map__counts" aria-label="Seats by status">
            <li className="legend__item">
              {(model.tiers.length > 0 ? model.tiers : [{ id: "seat", color: DEFAULT_SEAT_COLOR }]).map(
                (tier) => (
                  <SeatIcon key={tier.id} color={tier.color} />
                ),
              )}
              Available <strong>{formatCount(counts.available)}</strong>
            </li>
            <li className="legend__item">
              <SeatIcon color={SEAT_STATUS_COLORS.held} />
              Held <strong>{formatCount(counts.held)}</strong>
            </li>
            <li className="legend__item">
              <SeatIcon color={SEAT_STATUS_COLORS.sold} />
              Sold <strong>{formatCount(counts.sold)}</strong>
            </li>
            <li className="legend__item">
              <SeatIcon color={SEAT_STATUS_COLORS.blocked} />
              Blocked <strong>{formatCount(counts.blocked)}</strong>
            </li>
            {counts.standingCapacity > 0 ? (
              <li className="legend__item">
                Standing <strong>{formatCount(counts.standingAvailable)}</strong> of{" "}
                {formatCount(counts.standingCapacity)} left
              </li>
            ) : null}
          </ul>
          <p className="live-map__hint muted">
            Fans see held, sold and blocked seats as one grey; here each has its colour. Point at a seat or
            move to it with the arrow keys to hear its status. Select seats to block or unblock them.
          </p>
          {model.count > 0 ? (
            <LayoutCanvas
              model={model}
              selected={selected}
              onSelectionChange={(next) => {
                setSelected(next);
                setOutcome(null);
              }}
              label="Live seat map"
              statusColors={SEAT_STATUS_COLORS}
              height={460}
            />
          ) : (
            <p className="muted">This venue has only standing areas; there are no seats to show.</p>
          )}
          <div className="live-map__actions" role="group" aria-label="Change selected seats">
            {changeButton(true, blockable)}
            {changeButton(false, selectedBlocked)}
            <span className="field__hint">Blocked seats are not for sale until you unblock them.</span>
          </div>
          <div className="live-map__outcome" role="status" aria-live="polite" aria-atomic="true">
            {outcome ? <p className={`notice notice--${outcome.tone}`}>{outcome.text}</p> : null}
          </div>
        </>
      )}
    </section>
  );
}
