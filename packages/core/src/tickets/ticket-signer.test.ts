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

  it("makes short readable codes that do not repeat", () => {
    const codes = new Set(Array.from({ length: 5_000 }, generateTicketCode));
    expect(codes.size).toBe(5_000);
    for (const code of [...codes].slice(0, 50)) expect(code).toMatch(/^FR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });
});
