import { CATEGORIES, CATEGORY_LABELS, type Category } from "../lib/categories";
import {
  DATE_PRESETS,
  DATE_PRESET_LABELS,
  type CatalogFilters,
  type DatePreset,
} from "../lib/catalog-filters";
import { toDateInputValue } from "../lib/format";
import { FormField, SelectField } from "./form-field";

interface VenueOption {
  id: string;
  name: string;
  city: string;
}

/** Category chips plus date and venue pickers for the catalog. */
export function CatalogFiltersBar({
  filters,
  venues,
  onChange,
}: {
  filters: CatalogFilters;
  venues: VenueOption[];
  onChange: (patch: Partial<CatalogFilters>) => void;
}) {
  const today = toDateInputValue(new Date());

  const chip = (value: Category | null, label: string) => {
    const pressed = filters.category === value;
    return (
      <button
        key={value ?? "all"}
        type="button"
        className="chip"
        aria-pressed={pressed}
        onClick={() => onChange({ category: value })}
      >
        {label}
      </button>
    );
  };

  /** One end of the "Pick dates" range; each end keeps the other from crossing it. */
  const dateField = (end: "from" | "to", label: string, bounds: { min?: string; max?: string }) => (
    <FormField
      inline
      label={label}
      type="date"
      className="input--date"
      value={filters[end]}
      {...bounds}
      onChange={(event) => onChange({ [end]: event.target.value })}
    />
  );

  return (
    <div className="filters">
      <div className="filters__chips-scroll">
        <div className="filters__chips" role="group" aria-label="Category">
          {chip(null, "All")}
          {CATEGORIES.map((category) => chip(category, CATEGORY_LABELS[category]))}
        </div>
      </div>
      <div className="filters__pickers">
        <SelectField
          inline
          label="Date"
          value={filters.when}
          onChange={(event) => {
            const when = event.target.value as DatePreset;
            onChange(when === "range" ? { when, from: filters.from || today } : { when });
          }}
        >
          {DATE_PRESETS.map((preset) => (
            <option key={preset} value={preset}>
              {DATE_PRESET_LABELS[preset]}
            </option>
          ))}
        </SelectField>
        {filters.when === "range" ? (
          <>
            {dateField("from", "From", { max: filters.to || undefined })}
            {dateField("to", "To", { min: filters.from || undefined })}
          </>
        ) : null}
        {venues.length > 0 ? (
          <SelectField
            inline
            label="Venue"
            value={filters.venueId}
            onChange={(event) => onChange({ venueId: event.target.value })}
          >
            <option value="">All venues</option>
            {venues.map((venue) => (
              <option key={venue.id} value={venue.id}>
                {venue.name}, {venue.city}
              </option>
            ))}
          </SelectField>
        ) : null}
      </div>
    </div>
  );
}
