/** Small decorative icons drawn in the text colour; the button or link around them carries the words. */

/** "×": close, dismiss, remove. */
export function CloseIcon({ size = 14 }: { size?: number }) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** "+": new, add. */
export function PlusIcon() {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** One outlined path in a 16×16 box (a pin, an arrow), stroked in the text colour. */
export function LineIcon({
  d,
  size = 16,
  strokeWidth,
  strokeLinecap,
  strokeLinejoin,
}: {
  d: string;
  size?: number;
  strokeWidth: number;
  strokeLinecap?: "round";
  strokeLinejoin?: "round";
}) {
  return (
    <svg viewBox="0 0 16 16" width={size} height={size} aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth={strokeWidth}
        strokeLinecap={strokeLinecap}
        strokeLinejoin={strokeLinejoin}
      />
    </svg>
  );
}
