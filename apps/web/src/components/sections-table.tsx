import { formatMoney } from "../lib/format";
import type { EventDetail } from "../lib/types";
import { AvailabilityBar } from "./availability-bar";
import { ColumnHeads } from "./column-heads";

type Section = EventDetail["sections"][number];
type PriceTier = EventDetail["priceTiers"][number];

const KIND_LABELS: Record<Section["kind"], string> = {
  reserved: "Reserved seating",
  general_admission: "General admission",
};

/** The venue's sections for this event: kind, price and how much is left. Stacks into cards on phones. */
export function SectionsTable({
  sections,
  tiers,
  currency,
  caption,
}: {
  sections: Section[];
  tiers: PriceTier[];
  currency: string;
  caption: string;
}) {
  const tierById = new Map(tiers.map((tier) => [tier.id, tier]));
  return (
    <div className="table-wrap">
      <table className="sections-table">
        <caption className="visually-hidden">{caption}</caption>
        <ColumnHeads columns={["Section", "Type", "Price", "Availability"]} />
        <tbody>
          {sections.map((section) => {
            const tier = tierById.get(section.tierId);
            return (
              <tr key={section.id} className={section.available <= 0 ? "is-sold-out" : undefined}>
                <th scope="row" data-label="Section">
                  <span className="sections-table__name">
                    <span
                      className="swatch"
                      style={{ backgroundColor: tier?.color ?? "var(--color-border-strong)" }}
                      aria-hidden="true"
                    />
                    {section.name}
                  </span>
                </th>
                <td data-label="Type">
                  <span className={`kind kind--${section.kind}`}>{KIND_LABELS[section.kind]}</span>
                </td>
                <td data-label="Price">
                  <span className="sections-table__price">{formatMoney(section.priceCents, currency)}</span>
                  {tier ? <span className="sections-table__tier">{tier.name}</span> : null}
                </td>
                <td data-label="Availability">
                  <AvailabilityBar available={section.available} capacity={section.capacity} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
