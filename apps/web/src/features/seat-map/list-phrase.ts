const conjunction = new Intl.ListFormat("en", { style: "long", type: "conjunction" });

/** ["a", "b", "c"] → "a, b and c" (the app's copy is English). */
export function listPhrase(items: readonly string[]): string {
  return conjunction.format(items);
}
