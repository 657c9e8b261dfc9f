// Runs before the app's bundle has even arrived (a classic blocking script in the head, see index.html): on a seat
// map page (/events/:eventId/seats), it starts the three requests the map waits for (its layout, its status and the
// event's details), so they travel while a phone is still parsing and running the app. The app takes the responses
// over (src/prefetch-seat-map.ts) and asks again itself for any that failed. Keep the URLs in step with
// src/seat-map/seat-map-parts.ts (the `after` mark included) and the tRPC call with lib/use-route-event.ts.
(function () {
  var match = /^\/events\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/seats\/?$/i.exec(
    window.location.pathname,
  );
  if (!match || typeof fetch !== "function") return;
  var eventId = match[1];
  var after = 0;
  try {
    after = Number(window.localStorage.getItem("frontrow:seq:" + eventId)) || 0;
  } catch {
    after = 0;
  }
  var get = function (url) {
    var response = fetch(url, { credentials: "same-origin" });
    response.catch(function () {});
    return response;
  };
  var parts = "/api/events/" + eventId + "/";
  window.__frontrowEarlySeatMap = {
    eventId: eventId,
    after: after,
    layout: get(parts + "layout"),
    status: get(parts + "status" + (after > 0 ? "?after=" + after : "")),
    event: get("/trpc/events.byId?input=" + encodeURIComponent(JSON.stringify({ json: { eventId: eventId } }))),
  };
})();
