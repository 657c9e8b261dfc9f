import { request } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { fromIndexGaps } from "@frontrow/api";
import { describe, expect } from "vitest";
import { signedInClient, test } from "./test-instances";

/** A raw GET (fetch would decompress and hide the encoding), with its body as sent. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    },
  );
}

describe("seat map parts over HTTP", () => {
  test("the layout is cached by ETag (304), immutable at its versioned URL, and sent precompressed", async ({
    services,
    instances,
  }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 10, seatsPerRow: 20 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const [a, b] = instances as [string, string];
    const url = `${a}/api/events/${eventId}/layout`;

    const plain = await get(url);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const layout = JSON.parse(plain.body.toString("utf8")) as { version: string; seats: { x: number[] } };
    expect(layout.seats.x).toHaveLength(200);
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(plain.headers["cache-control"]).toBe("public, no-cache");

    const gzipped = await get(url, { "accept-encoding": "gzip, deflate" });
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzipped.body)).toEqual(plain.body);
    const brotli = await get(url, { "accept-encoding": "gzip, br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(brotli.body)).toEqual(plain.body);

    // Another instance names the same version with the same ETag, so a browser's copy is good everywhere.
    const again = await get(`${b}/api/events/${eventId}/layout`, { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body).toHaveLength(0);
    expect((await get(url, { "if-none-match": '"something-else"' })).status).toBe(200);

    const versioned = await get(`${url}?v=${layout.version}`);
    expect(versioned.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    const ids = await get(`${a}/api/events/${eventId}/seat-ids?v=${layout.version}`, { "if-none-match": "" });
    expect((JSON.parse(ids.body.toString("utf8")) as { ids: string[] }).ids.sort()).toEqual(
      venue.seats.map((seat) => seat.id).sort(),
    );
  });

  test("bad input is a 400 that says what is wrong; an unknown event is a 404", async ({ instances }) => {
    const [a] = instances as [string];
    const badId = await get(`${a}/api/events/not-an-id/status`);
    expect(badId.status).toBe(400);
    expect(JSON.parse(badId.body.toString("utf8"))).toEqual({ error: "eventId: Not a valid id" });
    const badAfter = await get(`${a}/api/events/00000000-0000-4000-8000-000000000000/status?after=-1`);
    expect(badAfter.status).toBe(400);
    expect(String(JSON.parse(badAfter.body.toString("utf8")).error)).toMatch(/^after:/);
    const badVersion = await get(`${a}/api/events/00000000-0000-4000-8000-000000000000/layout?v=x`);
    expect(badVersion.status).toBe(400);
    const unknown = await get(`${a}/api/events/00000000-0000-4000-8000-000000000000/layout`);
    expect(unknown.status).toBe(404);
  });

  test("a fan who holds and reloads on another instance sees the hold in the status", async ({ services, instances }) => {
    const venue = await createTestVenue(services.database.db, { sections: [{ name: "A", rows: 4, seatsPerRow: 10 }] });
    const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId });
    const [a, b] = instances as [string, string];
    const layout = JSON.parse((await get(`${b}/api/events/${eventId}/seat-ids`)).body.toString("utf8")) as { ids: string[] };
    // Instance b follows the event already: its status is answered from memory.
    expect((await get(`${b}/api/events/${eventId}/status`)).status).toBe(200);
    const fan = await signedInClient(a, "reloader@example.com");
    for (const seatId of layout.ids.slice(0, 5)) {
      const hold = await fan.holds.create.mutate({ eventId, seatIds: [seatId] });
      const response = await get(`${b}/api/events/${eventId}/status?after=${hold.seq}`, { "accept-encoding": "br" });
      expect(response.headers["cache-control"]).toBe("no-cache");
      const status = JSON.parse(brotliDecompressSync(response.body).toString("utf8")) as { seq: number; held: number[] };
      expect(status.seq).toBeGreaterThanOrEqual(hold.seq);
      expect(fromIndexGaps(status.held)).toContain(layout.ids.indexOf(seatId));
    }
  });
});
