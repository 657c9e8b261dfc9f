import { useEffect, useId, useRef, useState } from "react";
import { BusyButton } from "../../components/busy-button";

/** "Leave the line", confirmed in place before the place is given up. */
export function LeaveControl({
  preQueue,
  busy,
  onLeave,
}: {
  preQueue: boolean;
  busy: boolean;
  onLeave: () => Promise<boolean>;
}) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const leaveRef = useRef<HTMLButtonElement>(null);
  const stayRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (confirming) {
      stayRef.current?.focus();
    } else if (returnFocus.current) {
      returnFocus.current = false;
      leaveRef.current?.focus();
    }
  }, [confirming]);

  const stay = () => {
    returnFocus.current = true;
    setConfirming(false);
  };

  if (!confirming) {
    return (
      <div className="wr-leave">
        <button
          ref={leaveRef}
          type="button"
          className="button button--ghost"
          onClick={() => setConfirming(true)}
        >
          Leave the line
        </button>
      </div>
    );
  }
  return (
    <div
      className="wr-confirm"
      role="group"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !busy) stay();
      }}
    >
      <p id={`${id}-title`} className="wr-confirm__title">
        Give up your place?
      </p>
      <p id={`${id}-body`} className="wr-confirm__body">
        {preQueue
          ? "You'll leave the pre-queue. If you come back before the sale opens, you'll still get a random place."
          : "Your place goes to the fans behind you. If you join again, you'll start at the back of the line."}
      </p>
      <div className="wr-confirm__actions">
        <button
          ref={stayRef}
          type="button"
          className="button button--secondary"
          onClick={stay}
          disabled={busy}
        >
          Stay in line
        </button>
        <BusyButton
          type="button"
          className="button wr-button--danger"
          busy={busy}
          onClick={() => {
            void onLeave().then((left) => {
              if (!left) stay();
            });
          }}
        >
          Yes, give up my place
        </BusyButton>
      </div>
    </div>
  );
}
