import type { ReactNode } from "react";
import { formatCount, formatMoney } from "../../../lib/format";
import { StatCard } from "./stat-card";
import type { EventDashboard } from "./use-live-dashboard";

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

/** One headed group of stat cards. */
function StatGroup({
  headingId,
  heading,
  headingHidden = false,
  testId,
  children,
}: {
  headingId: string;
  heading: string;
  /** Named for screen readers only. */
  headingHidden?: boolean;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="dashboard-stats__group" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId} className={headingHidden ? "visually-hidden" : "dashboard-stats__heading"}>
        {heading}
      </h2>
      <div className="dashboard-stats__grid">{children}</div>
    </section>
  );
}

/** Sales and inventory at a glance; with a waiting list or a waiting room, those too. */
export function DashboardStats({ dashboard }: { dashboard: EventDashboard }) {
  const soldShare =
    dashboard.capacity > 0 ? Math.round((dashboard.ticketsSold / dashboard.capacity) * 100) : 0;
  const room = dashboard.waitingRoom;
  return (
    <div className="dashboard-stats">
      <StatGroup headingId="dashboard-sales-heading" heading="Sales" headingHidden>
        <StatCard
          label="Tickets sold"
          value={formatCount(dashboard.ticketsSold)}
          hint={`${soldShare}% of capacity · ${plural(dashboard.orders, "order")}`}
          tone="accent"
        />
        <StatCard label="Revenue" value={formatMoney(dashboard.revenueCents, dashboard.currency)} />
        <StatCard label="Held now" value={formatCount(dashboard.heldNow)} hint="In fans' carts" />
        <StatCard label="Available" value={formatCount(dashboard.available)} />
        <StatCard label="Capacity" value={formatCount(dashboard.capacity)} />
      </StatGroup>
      {dashboard.waitingList.enabled ? (
        <StatGroup headingId="dashboard-list-heading" heading="Waiting list" testId="dashboard-waiting-list">
          <StatCard
            label="On the list"
            value={formatCount(dashboard.waitingList.waiting)}
            hint={`Asking for ${plural(dashboard.waitingList.waitingTickets, "ticket")}`}
          />
          <StatCard
            label="Open offers"
            value={formatCount(dashboard.waitingList.openOffers)}
            hint={`${plural(dashboard.waitingList.offeredTickets, "ticket")} held for fans to pay`}
          />
          <StatCard label="Offers bought" value={formatCount(dashboard.waitingList.purchased)} />
          <StatCard
            label="Offers expired"
            value={formatCount(dashboard.waitingList.expired)}
            hint="Moved to the next fan"
          />
        </StatGroup>
      ) : null}
      {room ? (
        <StatGroup headingId="dashboard-room-heading" heading="Waiting room">
          <StatCard
            label="Waiting"
            value={formatCount(room.started ? room.waiting : room.preQueue)}
            hint={room.started ? "In line" : "In the pre-queue, before the on-sale"}
          />
          <StatCard label="Admitted" value={formatCount(room.admitted)} hint="Since the line started" />
          <StatCard
            label="Active shoppers"
            value={formatCount(room.activeShoppers)}
            hint={`At most ${formatCount(room.maxActiveShoppers)} at once`}
          />
          <StatCard
            label="Admission rate"
            value={room.admissionPaused ? "Paused" : `${formatCount(room.admitRatePerMinute)}/min`}
            hint={
              room.admissionPaused
                ? `${formatCount(room.admitRatePerMinute)} a minute when resumed`
                : "Fans let in each minute"
            }
            tone={room.admissionPaused ? "warning" : "default"}
          />
        </StatGroup>
      ) : null}
    </div>
  );
}
