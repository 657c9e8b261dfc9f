import { isTimeZone, updateVenueInput } from "@frontrow/validators";
import { SelectField } from "../../../components/form-field";
import { describeError } from "../../../lib/errors";
import { DraftTextField } from "./draft-text-field";

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

/**
 * What a refused save of the details shows: the server's first message per field, and an alert for the rest
 * (`messages.fields` when the field messages say it all, `messages.network` when the server was not reached).
 */
export function venueDetailsFailure(
  failure: unknown,
  messages: { network: string; fields: string | null },
): { fieldErrors: VenueDetailsErrors; alert: string | null } {
  const info = describeError(failure);
  const fieldErrors: VenueDetailsErrors = {};
  for (const field of ["name", "city", "address", "timezone"] as const) {
    const message = info.fieldErrors[field]?.[0];
    if (message) fieldErrors[field] = message;
  }
  const alert = info.network
    ? messages.network
    : Object.keys(fieldErrors).length > 0
      ? messages.fields
      : info.message;
  return { fieldErrors, alert };
}

/** The browser's own time zone, the natural default for a new venue. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "America/New_York";
}

let knownZones: string[] | undefined;

/** Every zone this browser knows (computed once), with the current value kept even if it is not among them. */
function timeZones(current: string): string[] {
  if (!knownZones) {
    try {
      knownZones = Intl.supportedValuesOf("timeZone");
    } catch {
      knownZones = [];
    }
    if (!knownZones.includes("UTC")) knownZones = [...knownZones, "UTC"];
  }
  return current && !knownZones.includes(current) ? [current, ...knownZones] : knownZones;
}

const zoneLabels = new Map<string, string>();

/** "America/New_York — EST": the zone's name and its short name today. */
function zoneLabel(zone: string): string {
  const known = zoneLabels.get(zone);
  if (known) return known;
  const label = computeZoneLabel(zone);
  zoneLabels.set(zone, label);
  return label;
}

function computeZoneLabel(zone: string): string {
  if (!isTimeZone(zone)) return zone;
  const short = new Intl.DateTimeFormat(undefined, { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date())
    .find((part) => part.type === "timeZoneName")?.value;
  return short && short !== zone ? `${zone.replaceAll("_", " ")} — ${short}` : zone.replaceAll("_", " ");
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
  const bound = { draft: details, errors, onChange };
  return (
    <div className="venue-details">
      <DraftTextField label="Venue name" name="name" maxLength={120} {...bound} />
      <DraftTextField label="City" name="city" maxLength={120} {...bound} />
      <DraftTextField label="Address" name="address" maxLength={300} hint="Optional" {...bound} />
      <SelectField
        label="Time zone"
        name="timezone"
        value={details.timezone}
        hint="Event times at this venue are shown to fans and organizers in it"
        error={errors.timezone ?? null}
        onChange={(event) => onChange({ timezone: event.target.value })}
      >
        {timeZones(details.timezone).map((zone) => (
          <option key={zone} value={zone}>
            {zoneLabel(zone)}
          </option>
        ))}
      </SelectField>
    </div>
  );
}
