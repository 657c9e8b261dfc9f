/**
 * `load` runs at the first call only; every call gets its promise. For libraries a process may never need:
 * imported at start-up, they cost every server process their load time whether it uses them or not.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => (loaded ??= load());
}
