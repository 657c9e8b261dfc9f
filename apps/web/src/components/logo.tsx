/** The Frontrow mark + wordmark. */
export function Logo() {
  return (
    <span className="logo">
      <svg
        className="logo__mark"
        viewBox="0 0 32 32"
        width="28"
        height="28"
        aria-hidden="true"
        focusable="false"
      >
        <rect width="32" height="32" rx="8" fill="currentColor" />
        <path d="M9 23V9h11v3.2h-7.3v2.6h6.3V18h-6.3v5z" fill="var(--logo-fg, #fff)" />
        <circle cx="23" cy="21.5" r="2.5" fill="var(--color-coral)" />
      </svg>
      <span className="logo__word">Frontrow</span>
    </span>
  );
}
