import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";

/** What a ticket's signature covers; a GA ticket names its section instead of a seat. */
export interface TicketClaims {
  ticketId: string;
  eventId: string;
  seat: string;
}

const PREFIX = "FRT1";

function message(claims: TicketClaims): Buffer {
  return Buffer.from(`${PREFIX}|${claims.ticketId}|${claims.eventId}|${claims.seat}`);
}

/**
 * Signs tickets with Ed25519 so a scanner holding only the public key can check them offline. The QR payload is
 * `FRT1.<ticketId>.<eventId>.<seat>.<signature>` (signature base64url).
 */
export function createTicketSigner(privateKeyPem: string) {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    sign(claims: TicketClaims): string {
      return sign(null, message(claims), privateKey).toString("base64url");
    },
    qrPayload(claims: TicketClaims, signature: string): string {
      return [PREFIX, claims.ticketId, claims.eventId, encodeURIComponent(claims.seat), signature].join(".");
    },
  };
}

export type TicketSigner = ReturnType<typeof createTicketSigner>;

/** A scanner's check: is this QR payload a ticket signed by the holder of `publicKeyPem`? */
export function verifyTicketPayload(publicKeyPem: string | KeyObject, payload: string): TicketClaims | null {
  const parts = payload.split(".");
  if (parts.length !== 5 || parts[0] !== PREFIX) return null;
  const [, ticketId, eventId, seat, signature] = parts as [string, string, string, string, string];
  const claims = { ticketId, eventId, seat: decodeURIComponent(seat) };
  const key = typeof publicKeyPem === "string" ? createPublicKey(publicKeyPem) : publicKeyPem;
  try {
    return verify(null, message(claims), key, Buffer.from(signature, "base64url")) ? claims : null;
  } catch {
    return null;
  }
}

export function generateTicketSigningKey(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}
