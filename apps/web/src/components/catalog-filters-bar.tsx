import { useId } from "react";
import { CATEGORIES, CATEGORY_LABELS, type Category } from "../lib/categories";
import {
  DATE_PRESETS,
  DATE_PRESET_LABELS,
  type CatalogFilters,
  type DatePreset,
} from "../lib/catalog-filters";
import { toDateInputValue } from "../lib/format";

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
  const id = useId();
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

  return (
    <div className="filters">
      <div className="filters__chips-scroll">
        <div className="filters__chips" role="group" aria-label="Category">
          {chip(null, "All")}
          {CATEGORIES.map((category) => chip(category, CATEGORY_LABELS[category]))}
        </div>
      </div>
      <div className="filters__pickers">
        <div className="field field--inline">
          <label htmlFor={`${id}-when`} className="field__label">
            Date
          </label>
          <select
            id={`${id}-when`}
            className="select"
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
          </select>
        </div>
        {filters.when === "range" ? (
          <>
            <div className="field field--inline">
              <label htmlFor={`${id}-from`} className="field__label">
                From
              </label>
              <input
                id={`${id}-from`}
                type="date"
                className="input input--date"
                value={filters.from}
                max={filters.to || undefined}
                onChange={(event) => onChange({ from: event.target.value })}
              />
            </div>
            <div className="field field--inline">
              <label htmlFor={`${id}-to`} className="field__label">
                To
              </label>
              <input
                id={`${id}-to`}
                type="date"
                className="input input--date"
                value={filters.to}
                min={filters.from || undefined}
                onChange={(event) => onChange({ to: event.target.value })}
              />
            </div>
          </>
        ) : null}
        {venues.length > 0 ? (
          <div className="field field--inline">
            <label htmlFor={`${id}-venue`} className="field__label">
              Venue
            </label>
            <select
              id={`${id}-venue`}
              className="select"
              value={filters.venueId}
              onChange={(event) => onChange({ venueId: event.target.value })}
            >
              <option value="">All venues</option>
              {venues.map((venue) => (
                <option key={venue.id} value={venue.id}>
                  {venue.name}, {venue.city}
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>
    </div>
  );
}
