import { useId, type ReactNode } from "react";

/**
 * One live number with its label. The value is an <output> labelled by the card's title, so it is found by its
 * label ("Tickets sold") by people and tests alike; it is not a live region, or every sale would be read out.
 */
export function StatCard({
  label,
  value,
  hint,
  tone = "default",
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  tone?: "default" | "accent" | "warning";
}) {
  const id = useId();
  return (
    <div className={`stat-card stat-card--${tone}`}>
      <label className="stat-card__label" htmlFor={id}>
        {label}
      </label>
      <output id={id} className="stat-card__value" aria-live="off">
        {value}
      </output>
      {hint ? <p className="stat-card__hint">{hint}</p> : null}
    </div>
  );
}
