import { createPrivateKey, randomUUID } from "node:crypto";
import { checkTicketCode, issueTicketCredential, rotatingTicketCode } from "@frontrow/validators/ticket-codes";
import { describe, expect, it } from "vitest";
import { generateTicketCode } from "./ticket-code";
import { createTicketSigner, generateTicketSigningKey, verifyTicketPayload } from "./ticket-signer";

describe("ticket signatures", () => {
  const signer = createTicketSigner(generateTicketSigningKey());
  const claims = { ticketId: "t-1", eventId: "e-1", seat: "Section 101, row A, seat 3" };

  it("verifies offline with the public key alone", () => {
    const payload = signer.qrPayload(claims, signer.sign(claims));
    expect(verifyTicketPayload(signer.publicKeyPem, payload)).toEqual(claims);
  });

  it("refuses a changed seat, a changed event, another key's signature and garbage", () => {
    const signature = signer.sign(claims);
    const other = createTicketSigner(generateTicketSigningKey());
    expect(verifyTicketPayload(signer.publicKeyPem, signer.qrPayload({ ...claims, seat: "Section 101, row A, seat 4" }, signature))).toBeNull();
    expect(verifyTicketPayload(signer.publicKeyPem, signer.qrPayload({ ...claims, eventId: "e-2" }, signature))).toBeNull();
    expect(verifyTicketPayload(signer.publicKeyPem, other.qrPayload(claims, other.sign(claims)))).toBeNull();
    expect(verifyTicketPayload(signer.publicKeyPem, "FRT1.a.b")).toBeNull();
  });

  it("issues the same rotating-code credential natively as the browsers' JavaScript Ed25519 does, and it scans", () => {
    const pem = generateTicketSigningKey();
    const native = createTicketSigner(pem);
    const serverSecret = Buffer.from(createPrivateKey(pem).export({ format: "jwk" }).d!, "base64url");
    const serverPublicKey = Buffer.from(native.publicKeyRaw, "base64url");
    for (const seat of ["101/F/7", "FLOOR/GA", "Balcón/Ä/12"]) {
      const ticket = { ticketId: randomUUID(), eventId: randomUUID(), seat };
      const key = native.rotatingKey(ticket);
      const ticketSecret = Buffer.from(key.secretKey, "base64url");
      expect(key.credential).toBe(issueTicketCredential(serverSecret, ticket, ticketSecret));
      const now = Date.now();
      const scanned = checkTicketCode(rotatingTicketCode(key, now).code, {
        serverPublicKey,
        nowMs: now,
        eventId: ticket.eventId,
        allowPrinted: false,
      });
      expect(scanned).toEqual({ ok: true, kind: "rotating", ...ticket });
    }
  });

  it("makes short readable codes that do not repeat", () => {
    const codes = new Set(Array.from({ length: 5_000 }, generateTicketCode));
    expect(codes.size).toBe(5_000);
    for (const code of [...codes].slice(0, 50)) expect(code).toMatch(/^FR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
