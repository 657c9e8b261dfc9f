import type { EventSpec } from "@frontrow/validators";

type SettingsInput = Pick<
  EventSpec,
  | "name"
  | "performer"
  | "category"
  | "description"
  | "imageUrl"
  | "startsAt"
  | "doorsAt"
  | "onSaleAt"
  | "perFanLimit"
  | "holdSeconds"
  | "feeCents"
  | "highDemand"
  | "heldSeatsPerIp"
  | "singleSeatRule"
  | "selfCancel"
  | "selfCancelUntil"
  | "feesRefundable"
  | "transfersAllowed"
  | "transferCutoffHours"
  | "allowPrintedTickets"
  | "resaleAllowed"
  | "resaleFeesRefunded"
  | "waitingListEnabled"
  | "waitingListOfferMinutes"
>;

/**
 * The event's columns the organizer's form sets, as creating and editing an event store them. The waiting room's
 * rules are left to the caller: a new event takes their defaults, an edit keeps what the event had.
 */
export function eventSettingColumns(input: SettingsInput) {
  return {
    name: input.name,
    performer: input.performer,
    category: input.category,
    description: input.description,
    imageUrl: input.imageUrl ?? null,
    startsAt: input.startsAt,
    doorsAt: input.doorsAt ?? null,
    onSaleAt: input.onSaleAt,
    perFanLimit: input.perFanLimit,
    holdSeconds: input.holdSeconds,
    feeCents: input.feeCents,
    highDemand: input.highDemand,
    heldSeatsPerIp: input.heldSeatsPerIp,
    singleSeatRule: input.singleSeatRule,
    selfCancel: input.selfCancel,
    // A deadline means nothing while fans cannot cancel.
    selfCancelUntil: input.selfCancel ? (input.selfCancelUntil ?? null) : null,
    feesRefundable: input.feesRefundable,
    transfersAllowed: input.transfersAllowed,
    transferCutoffHours: input.transferCutoffHours,
    allowPrintedTickets: input.allowPrintedTickets,
    resaleAllowed: input.resaleAllowed,
    resaleFeesRefunded: input.resaleFeesRefunded,
    waitingListEnabled: input.waitingListEnabled,
    waitingListOfferMinutes: input.waitingListOfferMinutes,
  };
}
