import { useId } from "react";
import { formatCount, formatMoney } from "../../lib/format";
import type { SeatModel, SectionInfo } from "./seat-model";
import { sectionName } from "./section-name";
import { TicketCountForm } from "./ticket-count-form";

/** A standing section takes a quantity instead of seats. */
export function GeneralAdmissionForm({
  model,
  section,
  currency,
  limitLeft,
  pending,
  canHold,
  onSubmit,
  onClose,
}: {
  model: SeatModel;
  section: SectionInfo;
  currency: string;
  limitLeft: number;
  pending: boolean;
  canHold: boolean;
  onSubmit: (quantity: number) => void;
  onClose: () => void;
}) {
  const id = useId();
  const max = Math.max(0, Math.min(limitLeft, section.available));
  const tier = model.tiers[section.tierIndex];

  return (
    <section className="card card--compact panel-card panel-card--accent" aria-labelledby={`${id}-title`}>
      <div className="panel-card__heading">
        <h2 id={`${id}-title`} className="panel-card__title">
          {sectionName(section.name)}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="panel-card__lead">
        Standing · {tier ? `${formatMoney(tier.priceCents, currency)} each · ` : ""}
        <strong>{section.available > 0 ? `${formatCount(section.available)} left` : "Sold out"}</strong>
      </p>
      <TicketCountForm
        className="best-form best-form--single"
        max={max}
        pending={pending}
        canHold={canHold}
        submitVariant="primary"
        submitLabel="Hold tickets"
        onSubmit={onSubmit}
      />
    </section>
  );
}
