import { useId, useState } from "react";
import { SelectField } from "../../components/form-field";
import { formatCount, formatMoney } from "../../lib/format";
import type { SeatModel } from "./seat-model";
import { sectionName } from "./section-name";
import { TicketCountForm } from "./ticket-count-form";

export interface BestRequest {
  quantity: number;
  sectionId?: string;
  tierId?: string;
}

/** "Find me N seats together": quantity, optionally a section or a price, then one hold. */
export function BestAvailableForm({
  model,
  currency,
  limitLeft,
  pending,
  canHold,
  onSubmit,
}: {
  model: SeatModel;
  currency: string;
  limitLeft: number;
  pending: boolean;
  canHold: boolean;
  onSubmit: (request: BestRequest) => void;
}) {
  const id = useId();
  const [sectionId, setSectionId] = useState("");
  const [tierId, setTierId] = useState("");
  const max = Math.max(0, limitLeft);
  const sections = model.sections.filter((section) => section.available > 0 || section.id === sectionId);
  const tiers = [...model.tiers].sort((a, b) => b.priceCents - a.priceCents);

  const submit = (quantity: number) =>
    onSubmit({
      quantity,
      ...(sectionId ? { sectionId } : {}),
      ...(tierId && !sectionId ? { tierId } : {}),
    });

  return (
    <section className="card card--compact panel-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-card__title">
        Best available
      </h2>
      <p className="panel-card__lead">We'll hold the best seats together that match.</p>
      <TicketCountForm
        className="best-form"
        max={max}
        pending={pending}
        canHold={canHold}
        submitVariant="secondary"
        submitLabel="Best available"
        onSubmit={submit}
      >
        <SelectField
          inline
          label="Section"
          value={sectionId}
          onChange={(event) => setSectionId(event.target.value)}
        >
          <option value="">Any section</option>
          {sections.map((section) => (
            <option key={section.id} value={section.id}>
              {sectionName(section.name)}
              {section.kind === "general_admission" ? " (standing)" : ""} · {formatCount(section.available)}{" "}
              left
            </option>
          ))}
        </SelectField>
        <SelectField
          inline
          label="Price"
          value={sectionId ? "" : tierId}
          onChange={(event) => setTierId(event.target.value)}
          disabled={Boolean(sectionId)}
        >
          <option value="">Any price</option>
          {tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name} · {formatMoney(tier.priceCents, currency)}
            </option>
          ))}
        </SelectField>
      </TicketCountForm>
      {max === 0 ? (
        <p className="panel-card__meta">You've reached your ticket limit for this event.</p>
      ) : null}
    </section>
  );
}
