import { useSyncExternalStore } from "react";
import type { MapDetail, MapView } from "./map-view";

/** Re-renders when the camera moves; returns what the controls need to know about it. */
export function useMapViewState(view: MapView): {
  canZoomIn: boolean;
  canZoomOut: boolean;
  detail: MapDetail;
} {
  // One string snapshot so unchanged answers don't re-render on every frame of a pan.
  const snapshot = useSyncExternalStore(view.subscribe, () =>
    [view.canZoomIn() ? 1 : 0, view.canZoomOut() ? 1 : 0, view.ready ? view.detail() : "overview"].join("|"),
  );
  const [zoomIn, zoomOut, detail] = snapshot.split("|");
  return {
    canZoomIn: zoomIn === "1",
    canZoomOut: zoomOut === "1",
    detail: detail === "seats" ? "seats" : "overview",
  };
}
