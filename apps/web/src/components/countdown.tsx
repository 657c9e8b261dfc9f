import { useEffect, useEffectEvent } from "react";
import { splitDuration } from "../lib/format";
import { useNow } from "../lib/use-now";

/** Ticking countdown to `target`; calls `onDone` once when it reaches zero, then renders nothing. */
export function Countdown({ target, onDone, label }: { target: Date; onDone?: () => void; label: string }) {
  const now = useNow(1000);
  const remaining = target.getTime() - now.getTime();
  const done = remaining <= 0;
  const finish = useEffectEvent(() => onDone?.());
  useEffect(() => {
    if (done) finish();
  }, [done]);

  if (done) return null;
  const { days, hours, minutes, seconds } = splitDuration(remaining);
  const units: [number, string][] = [
    ...(days > 0 ? ([[days, days === 1 ? "day" : "days"]] as [number, string][]) : []),
    [hours, hours === 1 ? "hour" : "hours"],
    [minutes, minutes === 1 ? "min" : "mins"],
    [seconds, seconds === 1 ? "sec" : "secs"],
  ];
  return (
    <div className="countdown">
      <p className="countdown__label">{label}</p>
      {/* The ticking digits are not announced every second; the label carries the meaning. */}
      <div className="countdown__units" role="timer" aria-live="off">
        {units.map(([value, unit]) => (
          <span className="countdown__unit" key={unit}>
            <span className="countdown__value">{String(value).padStart(2, "0")}</span>
            <span className="countdown__name">{unit}</span>
          </span>
        ))}
      </div>
    </div>
  );
}
