import { describe, expect, it } from "vitest";
import { emptyEventDraft, newSeatRangeDraft, type EventDraft } from "./event-draft";
import { keyForServerField, parseAmountToCents, validateEventEdit, validateNewEvent, type DraftContext } from "./validate-event-draft";

const VENUE = "00000000-0000-4000-8000-000000000001";
const STALLS = "00000000-0000-4000-8000-000000000002";
const FLOOR = "00000000-0000-4000-8000-000000000003";
const context: DraftContext = {
  timeZone: "America/Chicago",
  sections: [
    { id: STALLS, name: "Stalls", kind: "reserved", capacity: 200 },
    { id: FLOOR, name: "Floor", kind: "general_admission", capacity: 500 },
  ],
  rowsBySection: new Map([[STALLS, [{ name: "A" }, { name: "B" }]]]),
};

/** A draft an organizer could save: one tier on both sections, typed as people type. */
function completeDraft(): EventDraft {
  const draft = emptyEventDraft();
  const tier = { ...draft.tiers[0]!, name: "Standard", price: "$1,045.5" };
  return {
    ...draft,
    venueId: VENUE,
    name: "An evening of overthinking",
    performer: "The Ponderers",
    category: "comedy",
    startsAt: "2026-06-12T20:00",
    doorsAt: "2026-06-12T19:00",
    onSaleAt: "2026-05-01T10:00",
    holdDuration: "90",
    holdUnit: "seconds",
    fee: "2.5",
    tiers: [tier],
    sectionTiers: { [STALLS]: tier.key, [FLOOR]: tier.key },
  };
}

describe("validateNewEvent", () => {
  it("turns what was typed into the API's input: dates on the venue's clocks, amounts in cents, holds in seconds", () => {
    const { errors, input } = validateNewEvent(completeDraft(), context);
    expect(errors).toEqual({});
    expect(input).toMatchObject({
      venueId: VENUE,
      startsAt: new Date("2026-06-13T01:00:00Z"),
      doorsAt: new Date("2026-06-13T00:00:00Z"),
      onSaleAt: new Date("2026-05-01T15:00:00Z"),
      holdSeconds: 90,
      feeCents: 250,
      perFanLimit: 8,
      tiers: [{ name: "Standard", priceCents: 104_550, sectionIds: [STALLS, FLOOR], seatRanges: [] }],
    });
  });

  it("names every missing field under the input it belongs to, and gives no input", () => {
    const draft = emptyEventDraft();
    const { errors, input } = validateNewEvent(draft, context);
    expect(input).toBeNull();
    expect(errors).toMatchObject({
      venueId: "Pick a venue",
      category: "Pick a category",
      startsAt: "Pick when the show starts",
      onSaleAt: "Pick when tickets go on sale",
      [`tier.${draft.tiers[0]!.key}.price`]: "Enter a price (0 for free tickets)",
      [`section.${STALLS}`]: "Choose a tier for this section",
      tiers: "Give every section a price tier: 2 sections have none yet",
    });
  });

  it("checks times against each other and that they exist at the venue", () => {
    const { errors } = validateNewEvent(
      { ...completeDraft(), doorsAt: "2026-06-12T21:00", selfCancelUntil: "2026-06-13T09:00", onSaleAt: "2026-02-30T10:00" },
      context,
    );
    expect(errors).toMatchObject({
      doorsAt: "Doors must open before the show starts",
      selfCancelUntil: "Fans' cancellations must end by the show",
      onSaleAt: "Enter a real date and time",
    });
  });

  it("checks a tier's seat range against the venue's rows and its own order", () => {
    const draft = completeDraft();
    const range = { ...newSeatRangeDraft(), sectionId: STALLS, row: "Q", from: "9", to: "3" };
    const floorRange = { ...newSeatRangeDraft(), sectionId: FLOOR, row: "A", from: "1", to: "two" };
    draft.tiers = [{ ...draft.tiers[0]!, seatRanges: [range, floorRange] }];
    const { errors, input } = validateNewEvent(draft, context);
    expect(input).toBeNull();
    expect(errors).toMatchObject({
      [`range.${range.key}.row`]: "This section has no row Q",
      [`range.${range.key}.to`]: "The last seat can't come before the first",
      [`range.${floorRange.key}.sectionId`]: "Pick a section",
      [`range.${floorRange.key}.to`]: "Enter a whole number",
    });
  });

  it("puts the API schema's limits in the organizer's words and units", () => {
    const { errors } = validateNewEvent({ ...completeDraft(), perFanLimit: "0", holdDuration: "1" }, context);
    expect(errors.perFanLimit).toMatch(/^Enter at least 1$/);
    expect(errors.holdDuration).toMatch(/^Enter at least /);
  });
});

describe("validateEventEdit", () => {
  it("sends no venue and keeps saved tiers' ids", () => {
    const draft = completeDraft();
    draft.tiers = [{ ...draft.tiers[0]!, id: "00000000-0000-4000-8000-000000000009" }];
    const eventId = "00000000-0000-4000-8000-000000000010";
    const { input } = validateEventEdit(draft, context, eventId);
    expect(input).not.toHaveProperty("venueId");
    expect(input).toMatchObject({ eventId, tiers: [{ id: "00000000-0000-4000-8000-000000000009" }] });
  });
});

describe("server errors on the form", () => {
  it("lands a server's field path on the input it came from", () => {
    const draft = completeDraft();
    const range = { ...newSeatRangeDraft(), sectionId: STALLS };
    draft.tiers = [{ ...draft.tiers[0]!, seatRanges: [range] }];
    const tierKey = draft.tiers[0]!.key;
    expect(keyForServerField("tiers.0.priceCents", draft)).toBe(`tier.${tierKey}.price`);
    expect(keyForServerField("tiers.0.seatRanges.0.row", draft)).toBe(`range.${range.key}.row`);
    expect(keyForServerField("waitingRoom.shoppingWindowSeconds", draft)).toBe("shoppingWindowMinutes");
    expect(keyForServerField("holdSeconds", draft)).toBe("holdDuration");
    expect(keyForServerField("tiers.7.name", draft)).toBe("tiers");
  });

  it("reads amounts as organizers type them", () => {
    expect(parseAmountToCents("45")).toBe(4500);
    expect(parseAmountToCents("$1,045.5")).toBe(104_550);
    expect(parseAmountToCents("45.505")).toBeNull();
    expect(parseAmountToCents("-3")).toBeNull();
  });
});
