import { schema } from "@frontrow/db";
import { eq } from "drizzle-orm";
import type { Clock } from "../clock";
import { lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import type { EventLayoutCache } from "../holds/event-layout";
import type { EventUpdatePublisher } from "../pubsub/event-update-bus";
import { recordAudit } from "./record-audit";

/** Changes an event's admission rate or pauses / resumes admission; the admitter follows within seconds. */
export async function updateAdmission(
  deps: LockingDeps & { clock: Clock; layouts: EventLayoutCache; eventUpdates: EventUpdatePublisher },
  input: { eventId: string; actorId: string; admitRatePerMinute?: number; paused?: boolean; requestId?: string },
) {
  const { events } = schema;
  const result = await lockingTransaction(deps, async (tx, locks) => {
    const [event] = await locks.update("event", tx.select().from(events).where(eq(events.id, input.eventId)));
    if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
    if (!event.waitingRoomEnabled) throw new DomainError("INVALID_INPUT", "This event has no waiting room");
    const changes = {
      ...(input.admitRatePerMinute !== undefined ? { admitRatePerMinute: input.admitRatePerMinute } : {}),
      ...(input.paused !== undefined ? { admissionPaused: input.paused } : {}),
    };
    const [row] = await tx
      .update(events)
      .set({ ...changes, updatedAt: deps.clock.now() })
      .where(eq(events.id, input.eventId))
      .returning({ admitRatePerMinute: events.admitRatePerMinute, admissionPaused: events.admissionPaused });
    await recordAudit(tx, {
      actorId: input.actorId,
      action: "event.admission",
      subjectType: "event",
      subjectId: input.eventId,
      details: { before: { admitRatePerMinute: event.admitRatePerMinute, admissionPaused: event.admissionPaused }, after: changes },
      requestId: input.requestId,
    });
    return row!;
  });
  deps.layouts.invalidate(input.eventId);
  await deps.eventUpdates.publish(input.eventId, "admission");
  return result;
}
