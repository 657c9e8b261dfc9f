import { useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { FormAlert } from "../../../components/form-alert";
import { BusyButton } from "../../../components/busy-button";
import { trpc } from "../../../trpc";
import { AdminPageHeader } from "../admin-page-header";
import { layoutModel } from "../layout-model";
import { LayoutPreviewPanel } from "../venue-builder/layout-preview-panel";
import { DEFAULT_MAP, MapFields, readMapDraft, type MapDraft } from "../venue-builder/map-fields";
import {
  defaultSectionDraft,
  readSectionDrafts,
  sectionNamedInMessage,
  type SectionDraft,
} from "../venue-builder/section-draft";
import { SectionsEditor } from "../venue-builder/sections-editor";
import { layoutSummary, useLayoutPreview, type LayoutPreview } from "../venue-builder/use-layout-preview";
import {
  localTimeZone,
  venueDetailsErrors,
  VenueDetailsFields,
  venueDetailsFailure,
  type VenueDetails,
  type VenueDetailsErrors,
} from "../venue-builder/venue-details-fields";
import "../venues.css";

/** Where the next new section starts: just behind everything drawn so far, centred, within the map. */
function nextSectionAt(map: MapDraft, preview: LayoutPreview | null) {
  const width = Number(map.width) || 90;
  const height = Number(map.height) || 60;
  let back = 12;
  for (const seat of preview?.layout.seats ?? []) back = Math.max(back, seat.y);
  for (const section of preview?.layout.sections ?? [])
    if (section.kind === "general_admission") back = Math.max(back, section.labelY + 8);
  return { x: width / 2, y: Math.min(Math.max(0, height - 4), back + 4) };
}

/** `/admin/venues/new` — venue details and a generated layout, previewed as fans will see it. */
export function VenueBuilderPage() {
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [details, setDetails] = useState<VenueDetails>(() => ({
    name: "",
    city: "",
    address: "",
    timezone: localTimeZone(),
  }));
  const [map, setMap] = useState<MapDraft>(DEFAULT_MAP);
  const [drafts, setDrafts] = useState<SectionDraft[]>(() => [
    defaultSectionDraft("Stalls", { x: 45, y: 18 }),
  ]);
  const [submitted, setSubmitted] = useState(false);
  const [serverFieldErrors, setServerFieldErrors] = useState<VenueDetailsErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const create = trpc.admin.venues.create.useMutation();
  const utils = trpc.useUtils();

  const mapResult = readMapDraft(map);
  const sectionsResult = readSectionDrafts(drafts);
  const keys = drafts.map((draft) => draft.key);
  const previewSpec =
    mapResult.value && sectionsResult.specs
      ? {
          name: details.name.trim() || "Preview",
          city: details.city.trim() || "Preview",
          ...mapResult.value,
          sections: sectionsResult.specs,
        }
      : null;
  const { preview, error: previewError, loading } = useLayoutPreview(previewSpec, keys);
  const model = useMemo(() => (preview ? layoutModel(preview.layout) : null), [preview]);

  // A server reason that names a section ("Section Stalls: row A seat 1 falls outside …") shows on its card too.
  const sectionErrors = sectionsResult.errors.map((errors, index) => {
    const named = previewError ? sectionNamedInMessage(previewError) : null;
    return named && drafts[index]!.name.trim() === named && !errors.section
      ? { ...errors, section: previewError! }
      : errors;
  });
  const detailErrors: VenueDetailsErrors = submitted
    ? { ...venueDetailsErrors(details), ...serverFieldErrors }
    : serverFieldErrors;

  // After a refused save, move focus to the first field that needs a fix.
  useEffect(() => {
    if (focusRequest === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [focusRequest]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    setServerFieldErrors({});
    const errors = venueDetailsErrors(details);
    if (Object.keys(errors).length > 0 || !mapResult.value || !sectionsResult.specs) {
      setFocusRequest((n) => n + 1);
      return;
    }
    create.mutate(
      { ...details, ...mapResult.value, sections: sectionsResult.specs },
      {
        onSuccess: ({ venueId }) => {
          void utils.admin.venues.list.invalidate();
          void navigate(`/admin/venues/${venueId}`, { state: { created: true } });
        },
        onError: (failure) => {
          const { fieldErrors, alert } = venueDetailsFailure(failure, {
            network: "We couldn't reach Frontrow. Check your connection and try again; nothing was saved.",
            fields: "Some details need a fix.",
          });
          setServerFieldErrors(fieldErrors);
          setServerError(alert);
          setFocusRequest((n) => n + 1);
        },
      },
    );
  };

  return (
    <div className="admin-page">
      <title>New venue · Admin · Frontrow</title>
      <AdminPageHeader
        crumbs={
          <>
            <Link to="/admin/venues">Venues</Link> / New venue
          </>
        }
        title="New venue"
      />

      <form ref={formRef} className="venue-builder__layout" noValidate onSubmit={submit}>
        <div className="venue-builder__form">
          <section className="card venue-card" aria-labelledby="venue-details-title">
            <h2 id="venue-details-title" className="venue-card__title">
              Details
            </h2>
            <VenueDetailsFields
              details={details}
              errors={detailErrors}
              onChange={(patch) => {
                setDetails((current) => ({ ...current, ...patch }));
                setServerFieldErrors({});
              }}
            />
          </section>

          <section className="card venue-card" aria-labelledby="venue-map-title">
            <h2 id="venue-map-title" className="venue-card__title">
              Map and stage
            </h2>
            <MapFields
              map={map}
              errors={mapResult.errors}
              onChange={(patch) => setMap((current) => ({ ...current, ...patch }))}
            />
          </section>

          <section className="card venue-card" aria-labelledby="venue-sections-title">
            <h2 id="venue-sections-title" className="venue-card__title">
              Sections
            </h2>
            <p className="muted venue-card__lead">
              Each section is generated from a few numbers: blocks of rows (straight, angled or curved) or a
              standing area with a capacity. Seats can be marked accessible, companion or restricted view
              after saving.
            </p>
            <SectionsEditor
              drafts={drafts}
              errors={sectionErrors}
              seatCounts={preview?.countsByKey ?? new Map()}
              newSectionAt={() => nextSectionAt(map, preview)}
              onChange={setDrafts}
            />
          </section>

          <div className="venue-builder__actions">
            <FormAlert>{serverError}</FormAlert>
            {submitted && (!mapResult.value || !sectionsResult.specs) ? (
              <p className="field__error" role="alert">
                Some fields need a fix before the venue can be created.
              </p>
            ) : null}
            <div className="venue-builder__buttons">
              <BusyButton
                type="submit"
                className="button button--primary"
                busy={create.isPending}
              >
                Create venue
              </BusyButton>
              <Link to="/admin/venues" className="button button--ghost">
                Cancel
              </Link>
            </div>
          </div>
        </div>

        <div className="venue-builder__preview">
          <LayoutPreviewPanel
            title="Preview"
            model={model}
            summary={layoutSummary(preview)}
            error={previewError}
            invalid={!previewSpec}
            loading={loading}
            legend={["seat", "accessible", "restricted"]}
          />
        </div>
      </form>
    </div>
  );
}
