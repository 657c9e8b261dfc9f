import { CODE_STEP_SECONDS } from "@frontrow/validators";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { QrCode } from "../../components/qr-code";
import { useNow } from "../../lib/use-now";

/** The rotating code needs more modules than the printed one: drawn larger so a door camera reads it from a phone. */
const ROTATING_QR_SIZE_PX = 208;

// Loaded with the first ticket shown, not with the app: Ed25519 (@noble/curves) is only needed here and at /scan.
const loadTicketCodes = () => import("@frontrow/validators/ticket-codes");

const STEP_MS = CODE_STEP_SECONDS * 1000;

/**
 * A valid ticket's live QR code: signed in this browser with the ticket's own key, a new one every 30 seconds, so a
 * screenshot stops working at the door within a minute. `data-code` holds the code shown (for tests and support).
 */
export function RotatingTicketCode({ ticketKey, label }: { ticketKey: { credential: string; secretKey: string }; label: string }) {
  const lib = useQuery({ queryKey: ["ticket-codes-lib"], queryFn: loadTicketCodes, staleTime: Infinity, gcTime: Infinity });
  const now = useNow(1000);
  const step = Math.floor(now.getTime() / STEP_MS);
  // One signature per step: re-rendering every second to count down signs nothing new.
  const shown = useMemo(
    () => (lib.data ? lib.data.rotatingTicketCode(ticketKey, step * STEP_MS) : null),
    [lib.data, ticketKey, step],
  );
  const secondsLeft = Math.max(1, Math.ceil(((step + 1) * STEP_MS - now.getTime()) / 1000));

  if (lib.isError) {
    return (
      <div className="qr qr--placeholder" role="img" aria-label={`${label} (could not be drawn)`} style={{ width: ROTATING_QR_SIZE_PX, height: ROTATING_QR_SIZE_PX }}>
        <span className="qr__error">Live code unavailable: reload the page</span>
      </div>
    );
  }
  return (
    <figure className="rotating-code" data-testid="rotating-code" data-code={shown?.code ?? ""}>
      {shown ? (
        <QrCode payload={shown.code} label={label} size={ROTATING_QR_SIZE_PX} />
      ) : (
        <div className="qr qr--placeholder" role="img" aria-label={label} style={{ width: ROTATING_QR_SIZE_PX, height: ROTATING_QR_SIZE_PX }} />
      )}
      <figcaption className="rotating-code__caption">
        <span className="rotating-code__live" aria-hidden="true" />
        Live code · changes in <span className="rotating-code__seconds">{secondsLeft}</span> s
        <span className="visually-hidden">. Screenshots stop working at the door.</span>
      </figcaption>
    </figure>
  );
}
