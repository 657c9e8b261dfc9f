import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import { usableTimeZone } from "@frontrow/validators/plain";
import { FormAlert } from "../../../components/form-alert";
import { BusyButton } from "../../../components/busy-button";
import { formatCount } from "../../../lib/format";
import { trpc } from "../../../trpc";
import { DatesFields } from "./dates-fields";
import { DetailsFields } from "./details-fields";
import { withSectionsAssigned, type EditableEvent, type EventDraft } from "./event-draft";
import { FieldError } from "../../../components/form-field";
import type { SectionRows } from "./seat-range-row";
import { SaleRulesFields } from "./sale-rules-fields";
import { SalesFields } from "./sales-fields";
import { SectionAssignment } from "./section-assignment";
import { describeSaveError } from "./server-error";
import { TierList } from "./tier-list";
import { useEventDraft, type DraftEditor } from "./use-event-draft";
import {
  validateEventEdit,
  validateNewEvent,
  type DraftContext,
  type FieldErrors,
} from "./validate-event-draft";
import { WaitingRoomFields } from "./waiting-room-fields";

/** The first control with an error, or an error that belongs to a group of controls. */
const FIRST_ERROR = '[aria-invalid="true"], [data-error-anchor]';

function FormSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section className="card event-form__section">
      <div className="event-form__section-head">
        <h2 className="event-form__section-title">{title}</h2>
        {description ? <p className="event-form__section-about">{description}</p> : null}
      </div>
      {children}
    </section>
  );
}

/** Each section's rows in reading order with their first and last seat numbers. */
function rowsOfSections(
  seats: ReadonlyArray<{ sectionId: string; row: string; number: number }>,
): Map<string, SectionRows> {
  const bySection = new Map<
    string,
    Map<string, { name: string; first: number; last: number; seats: number }>
  >();
  for (const seat of seats) {
    let rows = bySection.get(seat.sectionId);
    if (!rows) bySection.set(seat.sectionId, (rows = new Map()));
    const row = rows.get(seat.row);
    if (row) {
      row.first = Math.min(row.first, seat.number);
      row.last = Math.max(row.last, seat.number);
      row.seats += 1;
    } else {
      rows.set(seat.row, { name: seat.row, first: seat.number, last: seat.number, seats: 1 });
    }
  }
  const readingOrder = (a: { name: string }, b: { name: string }) =>
    a.name.length - b.name.length || a.name.localeCompare(b.name, undefined, { numeric: true });
  return new Map(
    [...bySection].map(([sectionId, rows]) => [sectionId, [...rows.values()].sort(readingOrder)]),
  );
}

function clientSummary(errors: FieldErrors): string {
  const count = Object.keys(errors).length;
  const general = errors.form ? ` ${errors.form}` : "";
  return `The event can't be saved yet: ${count === 1 ? "1 field needs" : `${formatCount(count)} fields need`} attention.${general}`;
}

/**
 * Creates an event (`event` null) or edits one. Every value stays as typed; the API's own schema checks it before
 * sending, and what the server refuses is shown next to the field it names.
 */
export function EventForm({
  initialDraft,
  event,
}: {
  initialDraft: EventDraft;
  event: EditableEvent | null;
}) {
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const formRef = useRef<HTMLFormElement>(null);
  const state = useEventDraft(initialDraft);
  const { draft } = state;
  /** What the server said about the last save, until the next one. */
  const [saveError, setSaveError] = useState<string | null>(null);
  /** The last save stopped at the client checks: the summary follows the errors as they are fixed. */
  const [blockedByChecks, setBlockedByChecks] = useState(false);

  const venue = trpc.venues.byId.useQuery(
    { venueId: draft.venueId },
    { enabled: draft.venueId !== "", staleTime: 60_000 },
  );
  const venueData = venue.data && venue.data.id === draft.venueId ? venue.data : null;
  // Every seat of the venue, for the map and the rows of seat ranges (the arena's is half a megabyte, so it loads on its own).
  const layout = trpc.admin.venues.byId.useQuery(
    { venueId: draft.venueId },
    { enabled: draft.venueId !== "", staleTime: 5 * 60_000 },
  );
  const layoutData = layout.data && layout.data.venue.id === draft.venueId ? layout.data : null;
  const rowsBySection = useMemo(() => (layoutData ? rowsOfSections(layoutData.seats) : null), [layoutData]);

  // A new event starts with every section on the first tier; the organizer then moves sections to other tiers.
  if (!event && venueData) {
    const filled = withSectionsAssigned(
      draft,
      venueData.sections.map((section) => section.id),
    );
    if (filled !== draft) state.setDraft(filled);
  }

  const timeZone = usableTimeZone(venueData?.timezone ?? event?.venue.timezone);
  const sections = venueData?.sections ?? null;
  const context = useMemo<DraftContext>(
    () => ({ timeZone, sections, rowsBySection }),
    [timeZone, sections, rowsBySection],
  );
  const clientErrors = useMemo(
    () => (event ? validateEventEdit(draft, context, event.id) : validateNewEvent(draft, context)).errors,
    [draft, context, event],
  );

  // Focus moves after the render that shows what it moves to.
  const pendingFocus = useRef<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const focusLater = useCallback((selector: string) => {
    pendingFocus.current = selector;
    setFocusRequest((count) => count + 1);
  }, []);
  useEffect(() => {
    const selector = pendingFocus.current;
    if (!selector) return;
    pendingFocus.current = null;
    const element = formRef.current?.querySelector<HTMLElement>(selector);
    element?.focus();
    element?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [focusRequest]);

  const locked = event !== null && (event.status === "ended" || event.status === "cancelled");
  const toggleLockedReason =
    event && (event.status === "on_sale" || event.status === "paused")
      ? "The waiting room can't be switched on or off once the event has gone on sale. Its rate, cap and shopping window can still change."
      : null;

  const errorFor = state.errorLookup(clientErrors);
  const editor: DraftEditor = {
    draft,
    errorFor,
    update: state.update,
    disabled: locked,
    focusLater,
  };

  const create = trpc.admin.events.create.useMutation();
  const save = trpc.admin.events.update.useMutation();
  const pending = create.isPending || save.isPending;

  const onSubmit = async (submitEvent: FormEvent<HTMLFormElement>) => {
    submitEvent.preventDefault();
    if (pending || locked) return;
    setSaveError(null);
    setBlockedByChecks(false);
    state.setServerErrors({});
    state.revealAll();
    try {
      let eventId: string;
      if (event) {
        const { errors, input } = validateEventEdit(draft, context, event.id);
        if (!input) {
          setBlockedByChecks(Object.keys(errors).length > 0);
          focusLater(FIRST_ERROR);
          return;
        }
        ({ eventId } = await save.mutateAsync(input));
      } else {
        const { errors, input } = validateNewEvent(draft, context);
        if (!input) {
          setBlockedByChecks(Object.keys(errors).length > 0);
          focusLater(FIRST_ERROR);
          return;
        }
        ({ eventId } = await create.mutateAsync(input));
      }
      await Promise.all([utils.admin.events.invalidate(), utils.events.invalidate()]);
      await navigate(`/admin/events/${eventId}`);
    } catch (error) {
      const { fieldErrors, message } = describeSaveError(error, draft);
      state.setServerErrors(fieldErrors);
      setSaveError(message);
      if (Object.keys(fieldErrors).length > 0) focusLater(FIRST_ERROR);
    }
  };

  const tiersError = errorFor("tiers");
  const formMessage =
    saveError ??
    (blockedByChecks && Object.keys(clientErrors).length > 0 ? clientSummary(clientErrors) : null);
  const venueState = !draft.venueId
    ? ({ kind: "none" } as const)
    : venue.isError
      ? ({
          kind: "error",
          error: venue.error,
          retry: () => void venue.refetch(),
          retrying: venue.isFetching,
        } as const)
      : venueData
        ? ({ kind: "ready" } as const)
        : ({ kind: "loading" } as const);

  return (
    <form
      ref={formRef}
      className="event-form"
      noValidate
      onSubmit={(submitEvent) => void onSubmit(submitEvent)}
      onBlur={state.revealOnBlur}
    >
      {locked ? (
        <div className="notice notice--warning" role="status">
          <p className="notice__text">
            This event has {event.status === "ended" ? "ended" : "been cancelled"}, so it can no longer be
            edited.
          </p>
        </div>
      ) : null}

      <FormSection title="Details">
        <DetailsFields
          editor={editor}
          fixedVenue={event ? { name: event.venue.name, city: event.venue.city } : null}
        />
      </FormSection>

      <FormSection title="Dates">
        <DatesFields editor={editor} timeZone={timeZone} venueChosen={Boolean(venueData ?? event)} />
      </FormSection>

      <FormSection title="Sales">
        <SalesFields editor={editor} />
      </FormSection>

      <FormSection title="Seats and refunds">
        <SaleRulesFields editor={editor} timeZone={timeZone} venueChosen={Boolean(venueData ?? event)} />
      </FormSection>

      <FormSection title="Waiting room">
        <WaitingRoomFields
          editor={editor}
          timeZone={timeZone}
          venueChosen={Boolean(venueData ?? event)}
          toggleLockedReason={toggleLockedReason}
        />
      </FormSection>

      <FormSection
        title="Price tiers"
        description="Every section takes the price of its tier. Seat ranges can price single rows or seats differently. Tiers are listed to fans in this order."
      >
        {tiersError ? (
          <div className="event-form__group-error" data-error-anchor tabIndex={-1}>
            <FieldError id="event-form-tiers-error">{tiersError}</FieldError>
          </div>
        ) : null}
        <TierList
          editor={editor}
          sections={sections}
          rowsBySection={rowsBySection}
          showSales={event !== null}
        />
        <SectionAssignment
          editor={editor}
          sections={sections}
          venueState={venueState}
          layoutState={
            layoutData
              ? { kind: "ready", layout: layoutData }
              : layout.isError
                ? { kind: "error", retry: () => void layout.refetch(), retrying: layout.isFetching }
                : { kind: "loading" }
          }
        />
      </FormSection>

      <div className="event-form__actions">
        <FormAlert>{formMessage}</FormAlert>
        <div className="event-form__buttons">
          <Link to={event ? `/admin/events/${event.id}` : "/admin"} className="button button--secondary">
            {locked ? "Back" : "Cancel"}
          </Link>
          <BusyButton
            type="submit"
            className="button button--primary"
            busy={pending}
            disabled={locked}
          >
            {event ? (pending ? "Saving…" : "Save changes") : pending ? "Creating…" : "Create event"}
          </BusyButton>
        </div>
      </div>
    </form>
  );
}
