import {
  assembleSeatMap,
  type SeatIdsPayload,
  type SeatLayoutPayload,
  type SeatStatusPayload,
} from "@frontrow/validators";
import { timeoutSignal } from "../util/timeout-signal";

async function getJson<T>(url: string, timeoutMs: number): Promise<T> {
  const response = await fetch(url, { signal: timeoutSignal(timeoutMs) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The seat map as the web app loads it: the layout and seat ids (immutable per layout version, so fetched once
 * here, as the browser caches them) and the live status (`/status?after=seq`), put together by the same code.
 */
export class SeatMapPartsClient {
  private readonly immutable = new Map<string, Promise<[SeatLayoutPayload, SeatIdsPayload]>>();

  constructor(private readonly timeoutMs = 6_000) {}

  async load(
    base: string,
    eventId: string,
    after = 0,
  ): Promise<{ seq: number; seats: Array<{ id: string; status: string }> }> {
    const url = `${base}/api/events/${encodeURIComponent(eventId)}`;
    for (let attempt = 0; ; attempt++) {
      const status = await getJson<SeatStatusPayload>(
        `${url}/status${after > 0 ? `?after=${after}` : ""}`,
        this.timeoutMs,
      );
      const [layout, seatIds] = await this.layoutOf(url, status.version);
      // An organizer changed the layout since: load its new version.
      if (layout.version !== status.version && attempt < 2) {
        this.immutable.delete(`${url} ${status.version}`);
        continue;
      }
      return assembleSeatMap(layout, seatIds, status);
    }
  }

  private layoutOf(url: string, version: string): Promise<[SeatLayoutPayload, SeatIdsPayload]> {
    const key = `${url} ${version}`;
    let parts = this.immutable.get(key);
    if (!parts) {
      parts = Promise.all([
        getJson<SeatLayoutPayload>(`${url}/layout`, this.timeoutMs),
        getJson<SeatIdsPayload>(`${url}/seat-ids`, this.timeoutMs),
      ]);
      this.immutable.set(key, parts);
      parts.catch(() => this.immutable.delete(key));
    }
    return parts;
  }
}
