import { useQuery } from "@tanstack/react-query";

/** The size the code is shown at (CSS pixels), which is also the size it is drawn at: nothing stretches it. */
export const QR_SIZE_PX = 160;

async function renderQrSvg(payload: string, size: number): Promise<string> {
  // Loaded on demand: only order pages need the encoder.
  const { default: QRCode } = await import("qrcode");
  // The standard's four-module quiet zone, so scanners at the door find the code's edges on any background.
  const svg = await QRCode.toString(payload, { type: "svg", errorCorrectionLevel: "M", margin: 4, width: size });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A ticket's QR code as a crisp, scalable image (rendered in the browser from the signed payload). */
export function QrCode({
  payload,
  label,
  className,
  size = QR_SIZE_PX,
}: {
  payload: string;
  label: string;
  className?: string;
  /** Drawn and shown at this many CSS pixels (a longer payload needs more). */
  size?: number;
}) {
  const query = useQuery({
    queryKey: ["qr-svg", payload, size],
    queryFn: () => renderQrSvg(payload, size),
    staleTime: Infinity,
    gcTime: 10 * 60_000,
    retry: 1,
  });
  const classes = `qr${className ? ` ${className}` : ""}`;
  if (query.data) {
    return (
      <img className={classes} src={query.data} alt={label} width={size} height={size} style={{ width: size, height: size }} decoding="async" />
    );
  }
  return (
    <div
      className={`${classes} qr--placeholder`}
      style={{ width: size, height: size }}
      role="img"
      aria-label={query.isError ? `${label} (could not be drawn)` : label}
    >
      {query.isError ? <span className="qr__error">QR code unavailable — use the code below</span> : null}
    </div>
  );
}
