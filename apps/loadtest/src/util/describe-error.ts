/** The stack of an error followed by its chain of causes (fetch failures hide the socket error two levels down). */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  for (
    let cause = error, depth = 0;
    cause && depth < 6;
    cause = (cause as { cause?: unknown }).cause, depth++
  ) {
    const value = cause as { stack?: string; message?: string; code?: string };
    const text =
      depth === 0
        ? (value.stack ?? String(cause))
        : `${value.message ?? String(cause)}${value.code ? ` (${value.code})` : ""}`;
    lines.push(depth === 0 ? text : `caused by: ${text}`);
  }
  return lines.join("\n");
}
