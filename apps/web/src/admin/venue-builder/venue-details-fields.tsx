import { updateVenueInput } from "@frontrow/validators";
import { useId } from "react";
import { FormField } from "../../components/form-field";
import type { ErrorInfo } from "../../lib/errors";

export interface VenueDetails {
  name: string;
  city: string;
  address: string;
  timezone: string;
}

export type VenueDetailsErrors = Partial<Record<keyof VenueDetails, string>>;

const detailsSchema = updateVenueInput.omit({ venueId: true });

/** The errors to show next to each field, from the shared schema. */
export function venueDetailsErrors(details: VenueDetails): VenueDetailsErrors {
  const result = detailsSchema.safeParse(details);
  if (result.success) return {};
  const errors: VenueDetailsErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof VenueDetails | undefined;
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** The errors the server sent back for each detail field (its first message per field). */
export function venueDetailsServerErrors(info: ErrorInfo): VenueDetailsErrors {
  const errors: VenueDetailsErrors = {};
  for (const field of ["name", "city", "address", "timezone"] as const) {
    const message = info.fieldErrors[field]?.[0];
    if (message) errors[field] = message;
  }
  return errors;
}

/** The browser's own time zone, the natural default for a new venue. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "America/New_York";
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return [];
  }
}

/** Venue name, city, address and time zone, each with its error beside it. */
export function VenueDetailsFields({
  details,
  errors,
  onChange,
}: {
  details: VenueDetails;
  errors: VenueDetailsErrors;
  onChange: (patch: Partial<VenueDetails>) => void;
}) {
  const id = useId();
  return (
    <div className="venue-details">
      <FormField
        label="Venue name"
        name="name"
        value={details.name}
        maxLength={120}
        autoComplete="off"
        error={errors.name ?? null}
        onChange={(event) => onChange({ name: event.target.value })}
      />
      <FormField
        label="City"
        name="city"
        value={details.city}
        maxLength={120}
        autoComplete="off"
        error={errors.city ?? null}
        onChange={(event) => onChange({ city: event.target.value })}
      />
      <FormField
        label="Address"
        name="address"
        value={details.address}
        maxLength={300}
        autoComplete="off"
        hint="Optional"
        error={errors.address ?? null}
        onChange={(event) => onChange({ address: event.target.value })}
      />
      <FormField
        label="Time zone"
        name="timezone"
        value={details.timezone}
        list={`${id}-zones`}
        autoComplete="off"
        hint="Event times at this venue are shown in it, e.g. America/New_York"
        error={errors.timezone ?? null}
        onChange={(event) => onChange({ timezone: event.target.value })}
      />
      <datalist id={`${id}-zones`}>
        {timeZones().map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </div>
  );
}
