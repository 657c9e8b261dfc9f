/** Placeholder: being built (issue #7). */
export function VenueEditorPage() {
  return <h1>Venue</h1>;
}
