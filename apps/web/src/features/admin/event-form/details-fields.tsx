import { useState } from "react";
import { Link } from "react-router";
import { FormField, SelectField, TextAreaField } from "../../../components/form-field";
import { CATEGORIES, CATEGORY_NAMES, type Category } from "../../../lib/categories";
import { formatCount } from "../../../lib/format";
import { trpc } from "../../../trpc";
import { draftTextProps, type DraftEditor } from "./use-event-draft";

type TextField = "name" | "performer" | "description" | "imageUrl";

/** Venue, name, performer, category, description and image of an event. */
export function DetailsFields({
  editor,
  fixedVenue,
}: {
  editor: DraftEditor;
  /** On edit: the event's venue, which can no longer change. */
  fixedVenue: { name: string; city: string } | null;
}) {
  const { draft, errorFor, update, disabled } = editor;
  const text = (field: TextField) => draftTextProps(editor, field);

  return (
    <div className="event-form__grid">
      <div className="event-form__wide">
        {fixedVenue ? (
          <div className="field">
            <span className="field__label">Venue</span>
            <p className="event-form__fixed">
              {fixedVenue.name}, {fixedVenue.city}
            </p>
            <p className="field__hint">An event stays at the venue it was created on.</p>
          </div>
        ) : (
          <VenuePicker editor={editor} />
        )}
      </div>
      <FormField label="Event name" maxLength={160} required autoComplete="off" {...text("name")} />
      <FormField label="Performer" maxLength={160} required autoComplete="off" {...text("performer")} />
      <SelectField
        label="Category"
        name="category"
        value={draft.category}
        error={errorFor("category")}
        disabled={disabled}
        required
        onChange={(event) => {
          const value = event.target.value as Category | "";
          update((current) => ({ ...current, category: value }), ["category"]);
        }}
      >
        <option value="">Choose a category…</option>
        {CATEGORIES.map((category) => (
          <option key={category} value={category}>
            {CATEGORY_NAMES[category]}
          </option>
        ))}
      </SelectField>
      <div className="event-form__wide">
        <TextAreaField
          label="Description"
          rows={5}
          maxLength={5_000}
          hint="Shown on the event page. Leave a blank line between paragraphs."
          {...text("description")}
        />
      </div>
      <div className="event-form__wide event-form__image">
        <FormField
          label="Image URL"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="https://"
          maxLength={1_000}
          hint="A poster or photo for the event card and page. Without one, fans see a generated poster."
          {...text("imageUrl")}
        />
        <ImagePreview key={draft.imageUrl.trim()} url={draft.imageUrl.trim()} />
      </div>
    </div>
  );
}

function VenuePicker({ editor }: { editor: DraftEditor }) {
  const { draft, errorFor, update, disabled } = editor;
  const venues = trpc.venues.list.useQuery(undefined, { staleTime: 60_000 });
  const chosen = venues.data?.find((venue) => venue.id === draft.venueId);
  const error = errorFor("venueId") ?? (venues.isError ? "We couldn't load the venues." : null);

  if (venues.data && venues.data.length === 0) {
    return (
      <div className="field">
        <span className="field__label">Venue</span>
        <p className="event-form__notice">
          There are no venues yet. <Link to="/admin/venues/new">Create a venue</Link> first, then come back to
          put an event on it.
        </p>
      </div>
    );
  }

  return (
    <div className="event-form__venue">
      <SelectField
        label="Venue"
        name="venueId"
        value={draft.venueId}
        error={error}
        disabled={disabled || venues.isPending}
        aria-busy={venues.isPending}
        required
        hint={
          chosen
            ? `${chosen.city} · ${formatCount(chosen.sectionCount)} ${chosen.sectionCount === 1 ? "section" : "sections"} · ${formatCount(chosen.seatCount)} seats`
            : "The event's seats, sections and time zone come from its venue."
        }
        onChange={(event) => {
          const venueId = event.target.value;
          update((current) => ({ ...current, venueId }), ["venueId", "tiers", "section", "range"]);
        }}
      >
        <option value="">{venues.isPending ? "Loading venues…" : "Choose a venue…"}</option>
        {venues.data?.map((venue) => (
          <option key={venue.id} value={venue.id}>
            {venue.name}
          </option>
        ))}
      </SelectField>
      {venues.isError ? (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => void venues.refetch()}
          disabled={venues.isFetching}
        >
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** A small preview of the image address, saying so when nothing loads from it. */
function ImagePreview({ url }: { url: string }) {
  const [state, setState] = useState<"loading" | "loaded" | "failed">("loading");
  if (!/^https?:\/\/\S+$/i.test(url)) return null;
  return (
    <figure className={`image-preview image-preview--${state}`}>
      <img src={url} alt="" onLoad={() => setState("loaded")} onError={() => setState("failed")} />
      <figcaption className="image-preview__caption" aria-live="polite">
        {state === "failed"
          ? "No image loads from this address. Check the link."
          : state === "loading"
            ? "Loading preview…"
            : "Preview"}
      </figcaption>
    </figure>
  );
}
