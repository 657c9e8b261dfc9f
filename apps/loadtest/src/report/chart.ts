export interface LineSeries {
  name: string;
  points: Array<[x: number, y: number]>;
}

export interface HistogramSeries {
  name: string;
  /** Counts per bucket, aligned with the chart's `edges`. */
  counts: number[];
}

/** Everything the HTML report draws; plain data, so results.json holds it too. */
export type Chart =
  | {
      kind: "line";
      title: string;
      xLabel: string;
      yLabel: string;
      series: LineSeries[];
      /** Vertical markers (e.g. "on-sale", "instance killed"). */
      markers?: Array<{ x: number; label: string }>;
      /** Shaded spans (e.g. each scenario on the resource charts). */
      spans?: Array<{ from: number; to: number; label: string }>;
      /** Draw the series as steps (gauges) rather than straight segments. */
      step?: boolean;
    }
  | {
      kind: "histogram";
      title: string;
      xLabel: string;
      /** Bucket edges in ms: bucket i is [edges[i], edges[i + 1]). */
      edges: number[];
      series: HistogramSeries[];
    };
