/** Placeholder: being built (issue #7). */
export function VenueBuilderPage() {
  return <h1>New venue</h1>;
}
