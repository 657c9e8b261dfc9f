import { prefetchSeatMapParts } from "./seat-map/seat-map-parts";

// Imported first by main.tsx: a page opened on a seat map starts loading the map's layout and status before the
// rest of the app is even evaluated, instead of after the event's details arrived.
const seatMapPage =
  /^\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/seats\/?$/i.exec(
    window.location.pathname,
  );
if (seatMapPage) prefetchSeatMapParts(seatMapPage[1]!);
