import { describe, expect } from "vitest";
import { createScheduledEvent } from "../admin-test-helpers";
import { domainCode, failure, signInOrganizer, test } from "../testing";

describe("row lock timeout", () => {
  test("a change that waits for a row locked elsewhere past the timeout is refused as BUSY (409), not a 500", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const { eventId } = await createScheduledEvent(services);
    const admin = await (await signInOrganizer(api, sql)).call();
    api.deps.lockTimeoutMs = 150;

    const refused = await sql.begin(async (elsewhere) => {
      await elsewhere`select id from events where id = ${eventId} for update`;
      return failure(admin.admin.events.setStatus({ eventId, action: "pause" }));
    });
    expect(refused.code).toBe("CONFLICT");
    expect(domainCode(refused)).toBe("BUSY");
    expect(refused.cause).toMatchObject({ details: { retryAfterMs: expect.any(Number) } });

    // Nothing changed, and the same call goes through once the row is free.
    const [before] = await sql<{ status: string }[]>`select status from events where id = ${eventId}`;
    expect(before!.status).toBe("scheduled");
    expect((await admin.admin.events.setStatus({ eventId, action: "pause" })).status).toBe("paused");
  });
});
