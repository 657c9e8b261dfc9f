import { formatMoney } from "../lib/format";

interface PriceTier {
  id: string;
  name: string;
  priceCents: number;
  color: string;
}

/** Colour swatch + name + price for every price tier of an event. */
export function PriceTierLegend({ tiers, currency }: { tiers: PriceTier[]; currency: string }) {
  const sorted = [...tiers].sort((a, b) => b.priceCents - a.priceCents);
  return (
    <ul className="tier-legend">
      {sorted.map((tier) => (
        <li key={tier.id} className="tier-legend__item">
          <span className="swatch" style={{ backgroundColor: tier.color }} aria-hidden="true" />
          <span className="tier-legend__name">{tier.name}</span>
          <span className="tier-legend__price">{formatMoney(tier.priceCents, currency)}</span>
        </li>
      ))}
    </ul>
  );
}
