import { adminEventStatuses } from "@frontrow/validators";

export type AdminEventStatus = (typeof adminEventStatuses)[number];

export const ADMIN_EVENT_STATUSES = adminEventStatuses;

export const ADMIN_EVENT_STATUS_LABELS: Record<AdminEventStatus, string> = {
  scheduled: "Scheduled",
  on_sale: "On sale",
  paused: "Paused",
  ended: "Ended",
  cancelled: "Cancelled",
};

const TONES: Record<AdminEventStatus, string> = {
  scheduled: "violet",
  on_sale: "green",
  paused: "amber",
  ended: "neutral",
  cancelled: "red",
};

export function isAdminEventStatus(value: string | null | undefined): value is AdminEventStatus {
  return (ADMIN_EVENT_STATUSES as readonly string[]).includes(value ?? "");
}

/** An event's sales status as organizers see it: scheduled, on sale, paused, ended, cancelled. */
export function EventStatusBadge({ status }: { status: AdminEventStatus }) {
  return (
    <span className={`badge badge--${TONES[status]}`}>
      {status === "on_sale" ? <span className="badge__dot" aria-hidden="true" /> : null}
      {ADMIN_EVENT_STATUS_LABELS[status]}
    </span>
  );
}
