import { ed25519 } from "@noble/curves/ed25519.js";
import { encodeBase64urlNoPadding } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import {
  CODE_STEP_SECONDS,
  checkTicketCode,
  issueTicketCredential,
  rotatingTicketCode,
  type TicketCodeContext,
} from "./ticket-codes";

const server = ed25519.keygen();
const claims = {
  ticketId: "0b7e3c2a-6f1d-4e8b-9a51-3c2d1e0f9a8b",
  eventId: "5f0c6b1e-2d3a-4b8c-8e7f-6a5b4c3d2e1f",
  seat: "101/F/7",
};
const ticketSecret = ed25519.utils.randomSecretKey();
const key = { credential: issueTicketCredential(server.secretKey, claims, ticketSecret), secretKey: encodeBase64urlNoPadding(ticketSecret) };
const STEP_MS = CODE_STEP_SECONDS * 1000;
const shownAt = Date.UTC(2026, 11, 7, 19, 0, 5);
const door = (nowMs: number, over: Partial<TicketCodeContext> = {}): TicketCodeContext => ({
  serverPublicKey: server.publicKey,
  nowMs,
  eventId: claims.eventId,
  allowPrinted: true,
  ...over,
});

describe("rotating ticket codes", () => {
  it("changes every 30 seconds and stays short enough for a QR code", () => {
    const first = rotatingTicketCode(key, shownAt);
    expect(rotatingTicketCode(key, shownAt + 20_000).code).toBe(first.code);
    expect(rotatingTicketCode(key, first.nextAtMs).code).not.toBe(first.code);
    expect(first.nextAtMs - shownAt).toBeLessThanOrEqual(STEP_MS);
    expect(first.code.length).toBeLessThan(300);
  });

  it("is accepted within one step of the scanner's clock, either way", () => {
    const { code } = rotatingTicketCode(key, shownAt);
    for (const offset of [0, STEP_MS, -STEP_MS, 2 * STEP_MS - 10_000]) {
      expect(checkTicketCode(code, door(shownAt + offset))).toEqual({ ok: true, kind: "rotating", ...claims });
    }
  });

  it("is refused once its window has passed (a screenshot stops working within a minute)", () => {
    const { code, nextAtMs } = rotatingTicketCode(key, shownAt);
    expect(checkTicketCode(code, door(nextAtMs + STEP_MS - 1)).ok).toBe(true);
    expect(checkTicketCode(code, door(nextAtMs + STEP_MS))).toMatchObject({ ok: false, reason: "EXPIRED" });
    expect(checkTicketCode(code, door(shownAt + 10 * 60_000))).toMatchObject({ ok: false, reason: "EXPIRED" });
    expect(checkTicketCode(code, door(shownAt - 2 * STEP_MS))).toMatchObject({ ok: false, reason: "EXPIRED", message: expect.stringMatching(/clock/) });
  });

  it("refuses a tampered code, another server's credential, a copied credential with a wrong ticket key, and garbage", () => {
    const { code } = rotatingTicketCode(key, shownAt);
    const body = code.slice(5);
    // Flip one character in each part: step, step signature, server signature, the claims.
    for (const at of [2, 30, 120, 200, body.length - 2]) {
      const flipped = body.slice(0, at) + (body[at] === "A" ? "B" : "A") + body.slice(at + 1);
      expect(checkTicketCode(`FRT2.${flipped}`, door(shownAt)).ok).toBe(false);
    }
    const other = ed25519.keygen();
    const forged = { credential: issueTicketCredential(other.secretKey, claims, ticketSecret), secretKey: key.secretKey };
    expect(checkTicketCode(rotatingTicketCode(forged, shownAt).code, door(shownAt))).toMatchObject({ reason: "BAD_SIGNATURE" });
    // The genuine credential, but the step signed by some other key (no ticket secret): refused.
    const thief = { credential: key.credential, secretKey: encodeBase64urlNoPadding(ed25519.utils.randomSecretKey()) };
    expect(checkTicketCode(rotatingTicketCode(thief, shownAt).code, door(shownAt))).toMatchObject({ reason: "BAD_SIGNATURE" });
    for (const garbage of ["", "FRT2.", "FRT2.abc", "hello", "FRT2.!!!!", "FRT1.a.b"]) {
      expect(checkTicketCode(garbage, door(shownAt)).ok).toBe(false);
    }
  });

  it("refuses a ticket of another event", () => {
    const { code } = rotatingTicketCode(key, shownAt);
    expect(checkTicketCode(code, door(shownAt, { eventId: "00000000-0000-4000-8000-000000000000" }))).toMatchObject({
      ok: false,
      reason: "WRONG_EVENT",
    });
  });
});

describe("printed ticket codes", () => {
  const message = new TextEncoder().encode(`FRT1|${claims.ticketId}|${claims.eventId}|${claims.seat}`);
  const printed = ["FRT1", claims.ticketId, claims.eventId, encodeURIComponent(claims.seat), encodeBase64urlNoPadding(ed25519.sign(message, server.secretKey))].join(".");

  it("are accepted at any time where the organizer allows printing, refused where not", () => {
    expect(checkTicketCode(printed, door(shownAt + 86_400_000))).toEqual({ ok: true, kind: "printed", ...claims });
    expect(checkTicketCode(printed, door(shownAt, { allowPrinted: false }))).toMatchObject({ ok: false, reason: "PRINTED_NOT_ALLOWED" });
  });

  it("refuse a changed seat", () => {
    const changed = printed.replace(encodeURIComponent(claims.seat), "101%2FF%2F8");
    expect(checkTicketCode(changed, door(shownAt))).toMatchObject({ ok: false, reason: "BAD_SIGNATURE" });
  });
});
