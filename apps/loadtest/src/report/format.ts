/** Number formatting shared by the terminal, Markdown and HTML output. */
export const format = {
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  rate: (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1)),
  ms: (n: number) => (n >= 100 ? `${Math.round(n).toLocaleString("en-US")} ms` : `${n.toFixed(1)} ms`),
  pct: (n: number) => `${n.toFixed(1)} %`,
  mb: (n: number) => `${Math.round(n).toLocaleString("en-US")} MB`,
  s: (n: number) => `${n.toFixed(1)} s`,
  latency: (summary: { p50: number; p95: number; p99: number; max: number; count: number }) =>
    summary.count === 0
      ? "–"
      : `p50 ${format.ms(summary.p50)} · p95 ${format.ms(summary.p95)} · p99 ${format.ms(summary.p99)} · max ${format.ms(summary.max)}`,
};
