/** Placeholder: being built (issue #7). */
export function VenuesPage() {
  return <h1>Venues</h1>;
}
