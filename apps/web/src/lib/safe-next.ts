/** Only same-site relative paths are followed after sign-in; anything else goes home. */
export function safeNext(next: string | null | undefined, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next.startsWith("/signin") || next.startsWith("/signup")) return fallback;
  return next;
}
