import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { formatTime } from "../../../lib/format";

export interface ChartPoint {
  at: Date;
  value: number;
}

export interface ChartSeries {
  name: string;
  points: ChartPoint[];
}

const HEIGHT = 200;
const MARGIN = { top: 12, right: 16, bottom: 26, left: 44 };
/** A line is broken where two samples are further apart than this (nobody was recording meanwhile). */
const LINE_GAP_MS = 60_000;

/** 0, then a round number at or above `value`: 1, 2, 5 × 10ⁿ. */
function niceCeil(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** The width of an element, kept current as it resizes. */
function useWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.round(element.getBoundingClientRect().width));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * A small hand-drawn SVG time chart: bars (one per bucket) or lines (one per series), over a fixed time window.
 * Screen readers get the title and a summary on the image, and the numbers in a visually hidden table.
 */
export function TimeSeriesChart({
  title,
  summary,
  kind,
  series,
  from,
  to,
  bucketMs,
  formatValue,
  tableRows,
  valueHeading,
  empty,
  timeZone,
}: {
  /** The venue's zone: the time axis reads as the clocks at the venue. */
  timeZone: string;
  title: string;
  /** One sentence saying what the chart shows, visible under the title and read as the image's description. */
  summary: string;
  kind: "bars" | "lines";
  series: ChartSeries[];
  from: Date;
  to: Date;
  /** Bars: the width of a bucket. */
  bucketMs?: number;
  formatValue: (value: number) => string;
  /** The rows of the hidden data table (defaults to every point of the first series). */
  tableRows?: Array<{ at: Date; values: number[] }>;
  valueHeading?: string[];
  /** Shown instead of the plot when there is nothing to draw. */
  empty?: ReactNode;
}) {
  const id = useId();
  const { ref, width } = useWidth<HTMLDivElement>();
  const start = from.getTime();
  const end = Math.max(to.getTime(), start + 1);
  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const visible = series.map((line) => ({
    ...line,
    points: line.points.filter(
      (point) => point.at.getTime() >= start - (bucketMs ?? 0) && point.at.getTime() <= end,
    ),
  }));
  const maxValue = Math.max(0, ...visible.flatMap((line) => line.points.map((point) => point.value)));
  const yMax = niceCeil(maxValue);
  const x = (at: number) => MARGIN.left + ((at - start) / (end - start)) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight - (value / yMax) * plotHeight;
  // Counts: no half-fan gridlines.
  const yTicks = [0, yMax / 2, yMax].filter((tick) => Number.isInteger(tick));
  const xTicks = timeTicks(start, end);
  const hasData = visible.some((line) => line.points.length > 0);
  const rows =
    tableRows ??
    (visible[0]?.points ?? []).map((point) => ({
      at: point.at,
      values: visible.map(
        (line) => line.points.find((p) => p.at.getTime() === point.at.getTime())?.value ?? 0,
      ),
    }));

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption className="chart__caption">
        <span id={`${id}-title`} className="chart__title">
          {title}
        </span>
        <span className="chart__summary">{summary}</span>
      </figcaption>
      {series.length > 1 ? (
        <ul className="chart__legend" aria-hidden="true">
          {series.map((line, index) => (
            <li key={line.name} className={`chart__key chart__key--${index}`}>
              {line.name}
            </li>
          ))}
        </ul>
      ) : null}
      <div ref={ref} className="chart__plot">
        {!hasData && empty ? <div className="chart__empty">{empty}</div> : null}
        {width > 0 ? (
          <svg
            width={width}
            height={HEIGHT}
            viewBox={`0 0 ${width} ${HEIGHT}`}
            role="img"
            aria-labelledby={`${id}-svg-title`}
            aria-describedby={`${id}-svg-desc`}
          >
            <title id={`${id}-svg-title`}>{title}</title>
            <desc id={`${id}-svg-desc`}>{summary}</desc>
            <g className="chart__grid">
              {yTicks.map((tick) => (
                <g key={tick}>
                  <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(tick)} y2={y(tick)} />
                  <text x={MARGIN.left - 8} y={y(tick)} dy="0.32em" textAnchor="end">
                    {formatValue(tick)}
                  </text>
                </g>
              ))}
              {xTicks.map((tick) => (
                <text key={tick} x={x(tick)} y={HEIGHT - 6} textAnchor="middle">
                  {formatTime(new Date(tick), timeZone, { withZone: false })}
                </text>
              ))}
            </g>
            {kind === "bars"
              ? visible.slice(0, 1).map((line) => {
                  const barWidth = Math.max(1, ((bucketMs ?? 60_000) / (end - start)) * plotWidth - 1);
                  return (
                    <g key={line.name} className="chart__bars">
                      {line.points.map((point) => {
                        const left = Math.max(MARGIN.left, x(point.at.getTime()));
                        const right = Math.min(MARGIN.left + plotWidth, x(point.at.getTime()) + barWidth);
                        if (right <= left || point.value <= 0) return null;
                        return (
                          <rect
                            key={point.at.getTime()}
                            x={left}
                            y={y(point.value)}
                            width={right - left}
                            height={y(0) - y(point.value)}
                            rx={1}
                          >
                            <title>{`${formatTime(point.at, timeZone)}: ${formatValue(point.value)}`}</title>
                          </rect>
                        );
                      })}
                    </g>
                  );
                })
              : visible.map((line, index) => {
                  const path = linePath(line.points, x, y);
                  const last = line.points.at(-1);
                  return (
                    <g key={line.name} className={`chart__series chart__series--${index}`}>
                      {index === 0 ? (
                        <path className="chart__area" d={areaPath(line.points, x, y, y(0))} />
                      ) : null}
                      <path className="chart__line" d={path} />
                      {last ? (
                        <circle className="chart__dot" cx={x(last.at.getTime())} cy={y(last.value)} r={3.5} />
                      ) : null}
                    </g>
                  );
                })}
            <line className="chart__axis" x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={y(0)} y2={y(0)} />
          </svg>
        ) : null}
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {(valueHeading ?? series.map((line) => line.name)).map((heading) => (
              <th key={heading} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.at.getTime()}-${index}`}>
              <th scope="row">{formatTime(row.at, timeZone)}</th>
              {row.values.map((value, index) => (
                <td key={index}>{formatValue(value)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** Round times inside the window: every 10 or 15 minutes for an hour, scaled for other widths. */
function timeTicks(start: number, end: number): number[] {
  const span = end - start;
  const steps = [60_000, 5 * 60_000, 10 * 60_000, 15 * 60_000, 30 * 60_000, 60 * 60_000, 3 * 60 * 60_000];
  const step = steps.find((candidate) => span / candidate <= 6) ?? steps.at(-1)!;
  const ticks: number[] = [];
  for (let tick = Math.ceil(start / step) * step; tick <= end; tick += step) {
    // Keep labels off the very edges, where they would be cut.
    if (tick - start > span * 0.04 && end - tick > span * 0.04) ticks.push(tick);
  }
  return ticks;
}

function linePath(points: ChartPoint[], x: (at: number) => number, y: (value: number) => number): string {
  let d = "";
  let previous: number | undefined;
  for (const point of points) {
    const at = point.at.getTime();
    const move = previous === undefined || at - previous > LINE_GAP_MS;
    d += `${move ? "M" : "L"}${x(at).toFixed(1)},${y(point.value).toFixed(1)}`;
    previous = at;
  }
  return d;
}

function areaPath(
  points: ChartPoint[],
  x: (at: number) => number,
  y: (value: number) => number,
  baseline: number,
): string {
  const runs: ChartPoint[][] = [];
  for (const point of points) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && point.at.getTime() - last.at.getTime() <= LINE_GAP_MS) run.push(point);
    else runs.push([point]);
  }
  return runs
    .filter((run) => run.length > 1)
    .map((run) => {
      const first = x(run[0]!.at.getTime()).toFixed(1);
      const lastX = x(run.at(-1)!.at.getTime()).toFixed(1);
      return `M${first},${baseline}${linePath(run, x, y).replace(/^M/, "L")}L${lastX},${baseline}Z`;
    })
    .join("");
}
