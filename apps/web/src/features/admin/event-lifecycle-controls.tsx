import type { eventStatusActions } from "@frontrow/validators";
import { useState, type ReactNode } from "react";
import { ConfirmDialog } from "../../components/confirm-dialog";
import { describeError } from "../../lib/errors";
import { formatCount } from "../../lib/format";
import { trpc } from "../../trpc";
import type { AdminEventStatus } from "./event-status-badge";

type LifecycleAction = (typeof eventStatusActions)[number];

interface ActionCopy {
  button: string;
  title: string;
  confirm: string;
  done: string;
  danger?: boolean;
}

const COPY: Record<LifecycleAction, ActionCopy> = {
  put_on_sale: {
    button: "Put on sale now",
    title: "Put this event on sale now?",
    confirm: "Yes, put on sale now",
    done: "The event is on sale.",
  },
  pause: {
    button: "Pause sales",
    title: "Pause sales?",
    confirm: "Yes, pause sales",
    done: "Sales are paused.",
  },
  resume: {
    button: "Resume sales",
    title: "Resume sales?",
    confirm: "Yes, resume sales",
    done: "Sales are open again.",
  },
  end: {
    button: "End sales",
    title: "End sales for good?",
    confirm: "Yes, end sales",
    done: "Sales have ended.",
    danger: true,
  },
  cancel: {
    button: "Cancel event",
    title: "Cancel this event?",
    confirm: "Yes, cancel and refund",
    done: "The event is cancelled.",
    danger: true,
  },
};

/** What an organizer may do from each status; the server enforces the same rules. */
const ACTIONS_BY_STATUS: Record<AdminEventStatus, LifecycleAction[]> = {
  scheduled: ["put_on_sale", "pause", "end", "cancel"],
  on_sale: ["pause", "end", "cancel"],
  paused: ["resume", "end", "cancel"],
  ended: ["cancel"],
  cancelled: [],
};

const plural = (count: number, one: string, many = `${one}s`) =>
  `${formatCount(count)} ${count === 1 ? one : many}`;

function consequences(
  action: LifecycleAction,
  status: AdminEventStatus,
  orders: number,
  tickets: number,
): ReactNode {
  switch (action) {
    case "put_on_sale":
      return status === "scheduled"
        ? "Fans can pick seats and buy tickets straight away; the on-sale time moves to now."
        : "Fans can pick seats and buy tickets straight away.";
    case "pause":
      return status === "scheduled"
        ? "The event will not go on sale at its scheduled time until you resume it. Fans keep the seats they already hold until their holds run out."
        : "Fans can no longer hold seats or start checking out until you resume. Seats already held stay held until their holds run out.";
    case "resume":
      return "Fans can hold seats and buy tickets again.";
    case "end":
      return `No more tickets can be sold. The ${plural(tickets, "ticket")} already sold stay valid. This cannot be undone.`;
    case "cancel":
      return orders > 0 ? (
        <>
          <strong>
            Every order is refunded: {plural(orders, "order")}, {plural(tickets, "ticket")}.
          </strong>{" "}
          Fans are told by email and their tickets stop working. This cannot be undone.
        </>
      ) : (
        "Nobody has bought a ticket yet, so there is nothing to refund. The event is taken off sale for good. This cannot be undone."
      );
  }
}

/**
 * The event's lifecycle buttons: only the moves its current status allows, each confirmed in a dialog. The
 * outcome is announced; a refusal (say, someone else changed the status a moment ago) is shown in the dialog.
 */
export function EventLifecycleControls({
  eventId,
  status,
  orders,
  ticketsSold,
  onChanged,
}: {
  eventId: string;
  status: AdminEventStatus;
  /** Confirmed orders: what cancelling would refund. */
  orders: number;
  ticketsSold: number;
  onChanged?: (status: AdminEventStatus) => void;
}) {
  const [pending, setPending] = useState<LifecycleAction | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const utils = trpc.useUtils();
  const mutation = trpc.admin.events.setStatus.useMutation({
    onSuccess: async (result, variables) => {
      const refunded =
        variables.action === "cancel" ? ` ${plural(result.refundedOrders, "order")} refunded.` : "";
      setAnnouncement(`${COPY[variables.action].done}${refunded}`);
      setPending(null);
      onChanged?.(result.status);
      await Promise.all([utils.events.byId.invalidate({ eventId }), utils.admin.audit.list.invalidate()]);
    },
  });
  const actions = ACTIONS_BY_STATUS[status];
  const open = (action: LifecycleAction) => {
    mutation.reset();
    setAnnouncement("");
    setPending(action);
  };
  const error = mutation.error ? describeError(mutation.error) : null;

  return (
    <div className="lifecycle">
      {actions.length > 0 ? (
        <div className="lifecycle__buttons" role="group" aria-label="Sales">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button button--small ${
                action === "put_on_sale" || action === "resume"
                  ? "button--primary"
                  : COPY[action].danger
                    ? "button--secondary lifecycle__danger"
                    : "button--secondary"
              }`}
              onClick={() => open(action)}
            >
              {COPY[action].button}
            </button>
          ))}
        </div>
      ) : (
        <p className="muted lifecycle__none">This event is cancelled; there is nothing left to change.</p>
      )}
      <p className="lifecycle__result" role="status" aria-live="polite">
        {announcement}
      </p>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? COPY[pending].title : ""}
        confirmLabel={pending ? COPY[pending].confirm : ""}
        cancelLabel="Not now"
        pending={mutation.isPending}
        error={
          error
            ? error.network
              ? "We couldn't reach Frontrow. Check your connection and try again."
              : error.message
            : null
        }
        onConfirm={() => pending && mutation.mutate({ eventId, action: pending })}
        onClose={() => setPending(null)}
      >
        <p>{pending ? consequences(pending, status, orders, ticketsSold) : null}</p>
      </ConfirmDialog>
    </div>
  );
}
