import { formatCount } from "../lib/format";

/** "123 of 500 left" with a bar showing how much is left (seats and standing places alike: tickets, not "seats"). */
export function AvailabilityBar({ available, capacity }: { available: number; capacity: number }) {
  const ratio = capacity > 0 ? Math.min(1, Math.max(0, available / capacity)) : 0;
  const soldOut = available <= 0;
  const tone = soldOut ? "sold-out" : ratio <= 0.1 ? "low" : ratio <= 0.4 ? "medium" : "high";
  const text = soldOut ? "Sold out" : `${formatCount(available)} of ${formatCount(capacity)} left`;
  return (
    <div className={`availability availability--${tone}`}>
      <span className="availability__text">{text}</span>
      <span
        className="availability__track"
        role="meter"
        aria-label="Tickets left"
        aria-valuemin={0}
        aria-valuemax={capacity}
        aria-valuenow={Math.max(0, available)}
        aria-valuetext={text}
      >
        <span className="availability__fill" style={{ width: `${ratio * 100}%` }} />
      </span>
    </div>
  );
}
