/** Placeholder: being built (issue #7). */
export function AdminEventsPage() {
  return <h1>Events</h1>;
}
