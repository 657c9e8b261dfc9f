/** Placeholder: being built (issue #7). */
export function EventFormPage() {
  return <h1>Event</h1>;
}
