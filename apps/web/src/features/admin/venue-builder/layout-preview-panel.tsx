import { useMemo, type ReactNode } from "react";
import { listPhrase } from "../../seat-map/list-phrase";
import { Spinner } from "../../../components/spinner";
import type { SeatModel } from "../../seat-map/seat-model";
import { LayoutCanvas } from "../layout-canvas";
import { LayoutLegend, type LegendItem } from "./layout-legend";
import { overlappingSections } from "./section-overlaps";

/**
 * The generated layout as fans will see it, with what it holds, redrawn as the generator form changes. Keeps
 * the last good drawing while the next loads or while the form has an error.
 */
export function LayoutPreviewPanel({
  title,
  model,
  summary,
  error,
  invalid,
  loading,
  legend,
  height = 520,
}: {
  title: string;
  model: SeatModel | null;
  /** "1,234 seats · 500 standing places". */
  summary: ReactNode;
  /** The server's reason the layout cannot be generated. */
  error: string | null;
  /** The form has errors of its own (shown beside its fields). */
  invalid: boolean;
  loading: boolean;
  legend: readonly LegendItem[];
  height?: number;
}) {
  const overlaps = useMemo(() => (model ? overlappingSections(model) : []), [model]);
  return (
    <section className="layout-preview" aria-labelledby="layout-preview-title" aria-busy={loading}>
      <div className="layout-preview__heading">
        <h2 id="layout-preview-title" className="layout-preview__title">
          {title}
        </h2>
        <p className="layout-preview__summary" aria-live="polite">
          {loading ? (
            <>
              <Spinner /> Drawing…
            </>
          ) : (
            summary
          )}
        </p>
      </div>
      {invalid ? (
        <p className="notice notice--warning layout-preview__note" role="status">
          Fix the highlighted fields to update the preview.
        </p>
      ) : error ? (
        <p className="notice notice--error layout-preview__note" role="alert">
          {error}
        </p>
      ) : overlaps.length > 0 ? (
        <p className="notice notice--warning layout-preview__note" role="status">
          Sections overlap: {listPhrase(overlaps.map(([a, b]) => `${a} and ${b}`))}. Fans could not tell their seats
          apart; move one of them (its position or angle) so they no longer cross.
        </p>
      ) : null}
      {model ? (
        <div className={`layout-preview__canvas${invalid || error ? " is-stale" : ""}`}>
          <LayoutCanvas model={model} height={height} label={`${title}: seat map`} />
        </div>
      ) : (
        <div className="layout-preview__placeholder" style={{ height }}>
          {loading || !(invalid || error) ? (
            <Spinner label="Drawing the preview" />
          ) : (
            <p className="muted">Nothing to draw yet.</p>
          )}
        </div>
      )}
      <LayoutLegend items={legend} />
    </section>
  );
}
