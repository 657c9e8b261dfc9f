import { useId, useState, type FormEvent } from "react";
import { BusyButton } from "../../components/busy-button";
import { formatCount, formatMoney } from "../../lib/format";
import type { SeatModel, SectionInfo } from "./seat-model";
import { sectionName } from "./section-name";
import { TicketCountSelect } from "./ticket-count-select";

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
  const [quantity, setQuantity] = useState(2);
  const max = Math.max(0, Math.min(limitLeft, section.available));
  const effective = Math.min(Math.max(1, quantity), Math.max(1, max));
  const tier = model.tiers[section.tierIndex];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(effective);
  };

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
      <form className="best-form best-form--single" onSubmit={submit}>
        <TicketCountSelect value={effective} max={max} onChange={setQuantity} />
        <BusyButton
          type="submit"
          className="button button--primary best-form__submit"
          busy={pending}
          disabled={max === 0 || !canHold}
        >
          Hold tickets
        </BusyButton>
      </form>
    </section>
  );
}
