import { useState, type FormEvent } from "react";
import { FormAlert } from "../../../components/form-alert";
import { BusyButton } from "../../../components/busy-button";
import { trpc } from "../../../trpc";
import {
  venueDetailsErrors,
  VenueDetailsFields,
  venueDetailsFailure,
  type VenueDetails,
  type VenueDetailsErrors,
} from "../venue-builder/venue-details-fields";
import type { AdminVenue } from "./types";

/** Name, city, address and time zone of a saved venue, saved on their own. */
export function DetailsCard({ venue }: { venue: AdminVenue["venue"] }) {
  const utils = trpc.useUtils();
  const update = trpc.admin.venues.update.useMutation();
  const [details, setDetails] = useState<VenueDetails>({
    name: venue.name,
    city: venue.city,
    address: venue.address,
    timezone: venue.timezone,
  });
  const [errors, setErrors] = useState<VenueDetailsErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const changed =
    details.name !== venue.name ||
    details.city !== venue.city ||
    details.address !== venue.address ||
    details.timezone !== venue.timezone;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setAlert(null);
    setSaved(false);
    const found = venueDetailsErrors(details);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      // The errors render first; then focus the first field that needs a fix.
      requestAnimationFrame(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    update.mutate(
      { venueId: venue.id, ...details },
      {
        onSuccess: (result) => {
          utils.admin.venues.byId.setData({ venueId: venue.id }, (old) =>
            old ? { ...old, venue: { ...old.venue, ...result } } : old,
          );
          void utils.admin.venues.list.invalidate();
          setDetails({
            name: result.name,
            city: result.city,
            address: result.address,
            timezone: result.timezone,
          });
          setSaved(true);
        },
        onError: (failure) => {
          const { fieldErrors, alert: message } = venueDetailsFailure(failure, {
            network: "We couldn't reach Frontrow. Check your connection and try again.",
            fields: null,
          });
          setErrors(fieldErrors);
          setAlert(message);
        },
      },
    );
  };

  return (
    <section className="card venue-card" aria-labelledby="venue-details-title">
      <h2 id="venue-details-title" className="venue-card__title">
        Details
      </h2>
      <form noValidate onSubmit={submit} className="venue-card__form">
        <VenueDetailsFields
          details={details}
          errors={errors}
          onChange={(patch) => {
            setDetails((current) => ({ ...current, ...patch }));
            setSaved(false);
            if (Object.keys(errors).length > 0) setErrors(venueDetailsErrors({ ...details, ...patch }));
          }}
        />
        <FormAlert>{alert}</FormAlert>
        <div className="venue-card__buttons">
          <BusyButton
            type="submit"
            className="button button--primary"
            busy={update.isPending}
            disabled={!changed}
          >
            Save details
          </BusyButton>
          <span className="venue-card__status" role="status">
            {saved ? "Saved." : ""}
          </span>
        </div>
      </form>
    </section>
  );
}
