import type { MapView } from "./map-view";
import { useMapViewState } from "./use-map-view-state";

type IconKind = "plus" | "minus" | "reset";

function Icon({ kind }: { kind: IconKind }) {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
      {kind === "reset" ? (
        <path
          d="M4 8V4h4M16 12v4h-4M4 4l4.5 4.5M16 16l-4.5-4.5M12 4h4v4M8 16H4v-4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.7"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : (
        <path
          d={kind === "plus" ? "M10 4v12M4 10h12" : "M4 10h12"}
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
        />
      )}
    </svg>
  );
}

/** An icon button over the map; its label is both its accessible name and its tooltip. */
function ControlButton({
  label,
  icon,
  disabled,
  onClick,
}: {
  label: string;
  icon: IconKind;
  disabled?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="map-controls__button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
    >
      <Icon kind={icon} />
    </button>
  );
}

/** Zoom in / out / reset buttons over the map, and a hint while it shows sections. */
export function MapControls({
  view,
  interactive,
  hint,
}: {
  view: MapView;
  interactive: boolean;
  hint: boolean;
}) {
  const { canZoomIn, canZoomOut, detail } = useMapViewState(view);
  return (
    <>
      <div className="map-controls" role="group" aria-label="Zoom">
        <ControlButton
          label="Zoom in"
          icon="plus"
          disabled={!canZoomIn}
          onClick={() => view.zoomBy(1.6, undefined, true)}
        />
        <ControlButton
          label="Zoom out"
          icon="minus"
          disabled={!canZoomOut}
          onClick={() => view.zoomBy(1 / 1.6, undefined, true)}
        />
        <ControlButton label="Reset view" icon="reset" onClick={() => view.reset()} />
      </div>
      {hint && detail === "overview" ? (
        <p className="map-hint" aria-hidden="true">
          {interactive ? "Tap a section to see its seats" : "Tap a section to look closer"}
        </p>
      ) : null}
    </>
  );
}
