/** The inline error under a field, looking like FormField's; `id` is what the control's aria-describedby names. */
export function FieldError({ id, children }: { id: string; children: string }) {
  return (
    <p id={id} className="field__error">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M8 4.5v4M8 11v.5" stroke="#fff" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      {children}
    </p>
  );
}
