import type { Chart } from "./chart";

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { left: 64, right: 16, top: 50, bottom: 44 };
const PALETTE = [
  "#2563eb",
  "#16a34a",
  "#dc2626",
  "#9333ea",
  "#ea580c",
  "#0891b2",
  "#ca8a04",
  "#db2777",
  "#4b5563",
];

const escape = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Round tick steps (1, 2, 5 × 10^k) covering [0, max] in about `count` steps. */
function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

const label = (v: number) =>
  Math.abs(v) >= 10_000
    ? `${Math.round(v / 1000)}k`
    : Math.abs(v) >= 100 || Number.isInteger(v)
      ? String(Math.round(v))
      : v.toPrecision(2);

/** Legend items laid out left to right, wrapping to a second row when they do not fit. */
function legend(names: string[]): string {
  let x = MARGIN.left;
  let y = 22;
  return names
    .map((name, i) => {
      const width = 30 + name.length * 6.2;
      if (x + width > WIDTH - MARGIN.right && x > MARGIN.left) {
        x = MARGIN.left;
        y += 12;
      }
      const item = `<rect x="${x}" y="${y}" width="12" height="4" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 16}" y="${y + 6}" class="legend">${escape(name)}</text>`;
      x += width;
      return item;
    })
    .join("");
}

function frame(title: string, body: string, names: string[]): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(title)}">` +
    `<text x="${MARGIN.left}" y="14" class="title">${escape(title)}</text>${legend(names)}${body}</svg>`
  );
}

function axes(
  xTicks: Array<[number, string]>,
  yTicks: Array<[number, string]>,
  xLabel: string,
  yLabel: string,
): string {
  const plotBottom = HEIGHT - MARGIN.bottom;
  const grid = yTicks
    .map(
      ([y, text]) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y}" y2="${y}" class="grid"/><text x="${MARGIN.left - 6}" y="${y + 4}" class="tick" text-anchor="end">${text}</text>`,
    )
    .join("");
  const xs = xTicks
    .map(
      ([x, text]) =>
        `<line x1="${x}" x2="${x}" y1="${plotBottom}" y2="${plotBottom + 4}" class="axis"/><text x="${x}" y="${plotBottom + 16}" class="tick" text-anchor="middle">${text}</text>`,
    )
    .join("");
  return (
    grid +
    xs +
    `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${plotBottom}" y2="${plotBottom}" class="axis"/>` +
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${plotBottom}" class="axis"/>` +
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 8}" class="axis-label" text-anchor="middle">${escape(xLabel)}</text>` +
    `<text transform="translate(14 ${(MARGIN.top + plotBottom) / 2}) rotate(-90)" class="axis-label" text-anchor="middle">${escape(yLabel)}</text>`
  );
}

function lineChart(chart: Extract<Chart, { kind: "line" }>): string {
  const points = chart.series.flatMap((series) => series.points);
  const xsAll = [
    ...points.map(([x]) => x),
    ...(chart.spans ?? []).flatMap((span) => [span.from, span.to]),
    ...(chart.markers ?? []).map((m) => m.x),
  ];
  const xMin = Math.min(0, ...xsAll);
  const xMax = Math.max(xMin + 1, ...xsAll);
  const yMax = Math.max(1, ...points.map(([, y]) => y)) * 1.08;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const sx = (x: number) => MARGIN.left + ((x - xMin) / (xMax - xMin)) * plotW;
  const sy = (y: number) => HEIGHT - MARGIN.bottom - (y / yMax) * plotH;
  const spans = (chart.spans ?? [])
    .map(
      (span, i) =>
        `<rect x="${sx(span.from)}" y="${MARGIN.top}" width="${Math.max(1, sx(span.to) - sx(span.from))}" height="${plotH}" class="span${i % 2}"/>` +
        `<text x="${sx(span.from) + 3}" y="${MARGIN.top + 11}" class="span-label">${escape(span.label)}</text>`,
    )
    .join("");
  const lines = chart.series
    .map((series, i) => {
      if (series.points.length === 0) return "";
      const sorted = [...series.points].sort((a, b) => a[0] - b[0]);
      let d = `M${sx(sorted[0]![0]).toFixed(1)},${sy(sorted[0]![1]).toFixed(1)}`;
      for (const [x, y] of sorted.slice(1)) {
        d += chart.step
          ? `H${sx(x).toFixed(1)}V${sy(y).toFixed(1)}`
          : `L${sx(x).toFixed(1)},${sy(y).toFixed(1)}`;
      }
      const dots =
        sorted.length <= 2
          ? sorted
              .map(
                ([x, y]) =>
                  `<circle cx="${sx(x)}" cy="${sy(y)}" r="2.5" fill="${PALETTE[i % PALETTE.length]}"/>`,
              )
              .join("")
          : "";
      return `<path d="${d}" fill="none" stroke="${PALETTE[i % PALETTE.length]}" stroke-width="1.6"/>${dots}`;
    })
    .join("");
  // Labels of nearby markers are staggered in height so they do not overwrite each other.
  const markers = (chart.markers ?? [])
    .map((marker, i) => {
      const x = sx(marker.x);
      const y = HEIGHT - MARGIN.bottom - 4 - (i % 3) * 12;
      return (
        `<line x1="${x}" x2="${x}" y1="${MARGIN.top}" y2="${HEIGHT - MARGIN.bottom}" class="marker"/>` +
        `<text x="${x + 3}" y="${y}" class="marker-label">${escape(marker.label)}</text>`
      );
    })
    .join("");
  const body =
    axes(
      ticks(xMin, xMax, 8).map((x) => [sx(x), label(x)]),
      ticks(0, yMax, 5).map((y) => [sy(y), label(y)]),
      chart.xLabel,
      chart.yLabel,
    ) +
    spans +
    lines +
    markers;
  return frame(
    chart.title,
    body,
    chart.series.map((series) => series.name),
  );
}

function histogram(chart: Extract<Chart, { kind: "histogram" }>): string {
  const buckets = chart.edges.length - 1;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const yMax = Math.max(1, ...chart.series.flatMap((series) => series.counts)) * 1.08;
  const slot = plotW / Math.max(1, buckets);
  const bar = (slot * 0.9) / Math.max(1, chart.series.length);
  const sy = (y: number) => HEIGHT - MARGIN.bottom - (y / yMax) * plotH;
  const bars = chart.series
    .map((series, s) =>
      series.counts
        .map((count, i) => {
          if (count === 0) return "";
          const x = MARGIN.left + i * slot + slot * 0.05 + s * bar;
          return `<rect x="${x.toFixed(1)}" y="${sy(count).toFixed(1)}" width="${Math.max(0.8, bar).toFixed(1)}" height="${(HEIGHT - MARGIN.bottom - sy(count)).toFixed(1)}" fill="${PALETTE[s % PALETTE.length]}"><title>${escape(series.name)}: ${count} in ${label(chart.edges[i]!)}–${label(chart.edges[i + 1]!)} ms</title></rect>`;
        })
        .join(""),
    )
    .join("");
  // Label every doubling (4 buckets) at its lower edge.
  const xTicks: Array<[number, string]> = [];
  for (let i = 0; i <= buckets; i++) {
    const edge = chart.edges[i]!;
    const log = Math.log2(edge / 0.25);
    if (Math.abs(log - Math.round(log)) < 1e-6 && Math.round(log) % (buckets > 24 ? 2 : 1) === 0) {
      xTicks.push([MARGIN.left + i * slot, edge >= 1000 ? `${edge / 1000}s` : label(edge)]);
    }
  }
  const body =
    axes(
      xTicks,
      ticks(0, yMax, 5).map((y) => [sy(y), label(y)]),
      chart.xLabel,
      "count",
    ) + bars;
  return frame(
    chart.title,
    body,
    chart.series.map((series) => series.name),
  );
}

/** One chart as a standalone inline SVG (no scripts, no external resources). */
export function renderChart(chart: Chart): string {
  return chart.kind === "line" ? lineChart(chart) : histogram(chart);
}
