import { useId, useState } from "react";
import { ErrorState } from "../../../components/error-state";
import { formatCount } from "../../../lib/format";
import type { EventDraft } from "./event-draft";
import { SelectField } from "../../../components/form-field";
import { ColumnHeads } from "../../../components/column-heads";
import { TierLayoutMap, type AdminVenueLayout } from "./tier-layout-map";
import type { DraftEditor } from "./use-event-draft";
import type { VenueSection } from "./validate-event-draft";

/** The venue's seats for the map: loading, failed (the table still works), or loaded. */
export type LayoutState =
  | { kind: "loading" }
  | { kind: "error"; retry: () => void; retrying: boolean }
  | { kind: "ready"; layout: AdminVenueLayout };

/** Every section of the venue with the tier that prices it; sections without one stand out. */
export function SectionAssignment({
  editor,
  sections: venueSections,
  venueState,
  layoutState,
}: {
  editor: DraftEditor;
  sections: readonly VenueSection[] | null;
  /** Whether the venue is still to be chosen, loading, or failed to load (with a retry). */
  venueState:
    | { kind: "none" }
    | { kind: "loading" }
    | { kind: "error"; error: unknown; retry: () => void; retrying: boolean }
    | { kind: "ready" };
  layoutState: LayoutState;
}) {
  const id = useId();
  const { draft, errorFor, update, disabled, focusLater } = editor;
  const [bulkTier, setBulkTier] = useState("");
  const tierKeys = new Set(draft.tiers.map((tier) => tier.key));

  if (venueState.kind === "none") {
    return <p className="event-form__notice">Choose a venue to give each of its sections a price tier.</p>;
  }
  if (venueState.kind === "error") {
    return (
      <ErrorState
        compact
        title="We couldn't load the venue's sections"
        error={venueState.error}
        onRetry={venueState.retry}
        retrying={venueState.retrying}
      />
    );
  }
  if (venueState.kind === "loading" || !venueSections) {
    return (
      <div className="section-assignment" aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading the venue's sections
        </p>
        {Array.from({ length: 4 }, (_, index) => (
          <span key={index} className="skeleton skeleton--title" aria-hidden="true" />
        ))}
      </div>
    );
  }

  const sections = venueSections;
  const unassigned = sections.filter((section) => !tierKeys.has(draft.sectionTiers[section.id] ?? ""));
  const bulkChoice = tierKeys.has(bulkTier) ? bulkTier : (draft.tiers[0]?.key ?? "");

  const assign = (sectionIds: readonly string[], tierKey: string) =>
    update(
      (current: EventDraft) => {
        const sectionTiers = { ...current.sectionTiers };
        for (const sectionId of sectionIds) sectionTiers[sectionId] = tierKey;
        return { ...current, sectionTiers };
      },
      ["tiers", ...sectionIds.map((sectionId) => `section.${sectionId}`)],
    );

  return (
    <div className="section-assignment">
      <div className="section-assignment__head">
        <h3 className="section-assignment__title">Sections</h3>
        <p
          className={
            unassigned.length > 0 ? "section-assignment__count is-missing" : "section-assignment__count"
          }
          role="status"
        >
          {unassigned.length === 0
            ? sections.length === 1
              ? "The section has a tier"
              : `All ${formatCount(sections.length)} sections have a tier`
            : `${formatCount(unassigned.length)} of ${formatCount(sections.length)} ${sections.length === 1 ? "section has" : "sections have"} no tier yet`}
        </p>
      </div>
      {unassigned.length > 0 && draft.tiers.length > 0 ? (
        <div className="section-assignment__bulk">
          <SelectField
            label="Tier for every section without one"
            name="bulkTier"
            value={bulkChoice}
            disabled={disabled}
            onChange={(event) => setBulkTier(event.target.value)}
          >
            {draft.tiers.map((tier, index) => (
              <option key={tier.key} value={tier.key}>
                {tier.name.trim() || `Tier ${index + 1}`}
              </option>
            ))}
          </SelectField>
          <button
            type="button"
            className="button button--secondary"
            disabled={disabled || !bulkChoice}
            onClick={() => {
              assign(
                unassigned.map((section) => section.id),
                bulkChoice,
              );
              focusLater(`#${CSS.escape(`${id}-table`)}`);
            }}
          >
            Assign {formatCount(unassigned.length)} {unassigned.length === 1 ? "section" : "sections"}
          </button>
        </div>
      ) : null}
      <div className="section-assignment__body">
        {layoutState.kind === "ready" ? (
          <TierLayoutMap
            layout={layoutState.layout}
            tiers={draft.tiers}
            sectionTiers={draft.sectionTiers}
            onSectionActivate={(sectionId) => focusLater(`[name="section.${CSS.escape(sectionId)}"]`)}
          />
        ) : layoutState.kind === "error" ? (
          <div className="tier-layout-map tier-layout-map--error" role="status">
            <p>The map couldn't load; the table still assigns every section.</p>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={layoutState.retry}
              disabled={layoutState.retrying}
            >
              Load the map again
            </button>
          </div>
        ) : (
          <div className="tier-layout-map" aria-hidden="true">
            <span className="skeleton tier-layout-map__skeleton" />
          </div>
        )}
        <div className="table-wrap section-assignment__table-wrap">
          <table id={`${id}-table`} className="section-table" tabIndex={-1}>
            <caption className="visually-hidden">Sections and their tiers</caption>
            <ColumnHeads
              columns={[
                "Section",
                { label: "Places", className: "section-table__number" },
                "Tier",
              ]}
            />
            <tbody>
              {sections.map((section) => {
                const tierKey = draft.sectionTiers[section.id] ?? "";
                const tier = draft.tiers.find((item) => item.key === tierKey);
                return (
                  <tr key={section.id} className={tier ? undefined : "is-unassigned"}>
                    <th scope="row">
                      <span className="section-table__name">{section.name}</span>
                      <span className="section-table__kind">
                        {section.kind === "reserved" ? "Seated" : "Standing"}
                        {tier ? null : <span className="badge badge--red">No tier</span>}
                      </span>
                    </th>
                    <td className="section-table__number">{formatCount(section.capacity)}</td>
                    <td>
                      <div className="section-table__tier">
                        <span
                          className={`swatch${tier ? "" : " swatch--no-tier"}`}
                          style={tier ? { backgroundColor: tier.color } : undefined}
                          aria-hidden="true"
                        />
                        <SelectField
                          label={`Tier for ${section.name}`}
                          hideLabel
                          name={`section.${section.id}`}
                          value={tier ? tierKey : ""}
                          error={errorFor(`section.${section.id}`)}
                          disabled={disabled}
                          onChange={(event) => assign([section.id], event.target.value)}
                        >
                          <option value="">No tier yet</option>
                          {draft.tiers.map((item, index) => (
                            <option key={item.key} value={item.key}>
                              {item.name.trim() || `Tier ${index + 1}`}
                            </option>
                          ))}
                        </SelectField>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
