import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign, verify, type KeyObject } from "node:crypto";
import { ticketCredential, type RotatingTicketKey } from "@frontrow/validators/ticket-codes";

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
 * Signs tickets with Ed25519 so a scanner holding only the public key can check them offline. The printed QR
 * payload is `FRT1.<ticketId>.<eventId>.<seat>.<signature>` (signature base64url); the rotating code of the fan's
 * ticket page is made from `rotatingKey` (see `@frontrow/validators/ticket-codes`).
 *
 * Each ticket's own key pair is derived, not stored: its secret is HMAC-SHA256(ticket id) under a key drawn
 * (HKDF) from the server's signing key, so tickets sold before rotating codes existed have one too, and no ticket
 * secret sits in the database. The credential is an Ed25519 signature (deterministic), so it is recomputed the same.
 */
export function createTicketSigner(privateKeyPem: string) {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const jwk = privateKey.export({ format: "jwk" });
  const serverSecret = Buffer.from(jwk.d!, "base64url");
  const ticketKeyRoot = Buffer.from(hkdfSync("sha256", serverSecret, "frontrow", "rotating ticket keys v1", 32));
  return {
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    /** The public key as scanners take it: the raw 32 bytes, base64url. */
    publicKeyRaw: jwk.x!,
    /** What the ticket's owner needs to show its rotating code: never give it to anyone else. */
    rotatingKey(claims: TicketClaims): RotatingTicketKey {
      const ticketSecret = createHmac("sha256", ticketKeyRoot).update(claims.ticketId).digest();
      return {
        credential: ticketCredential(claims, ed25519PublicKeyOf(ticketSecret), (message) => sign(null, message, privateKey)),
        secretKey: ticketSecret.toString("base64url"),
      };
    },
    sign(claims: TicketClaims): string {
      return sign(null, message(claims), privateKey).toString("base64url");
    },
    qrPayload(claims: TicketClaims, signature: string): string {
      return [PREFIX, claims.ticketId, claims.eventId, encodeURIComponent(claims.seat), signature].join(".");
    },
  };
}

export type TicketSigner = ReturnType<typeof createTicketSigner>;

/**
 * The Ed25519 public key of a 32-byte secret (seed), computed natively: some 40 µs, against 250–400 µs in
 * JavaScript or through a PKCS #8 import (OpenSSL's decoders). A JWK import wants an `x`, but OpenSSL derives the
 * public key from the seed on a raw private key's import, so any placeholder will do; the signer's test checks the
 * credential against the JavaScript derivation, so a Node that stopped deriving it would fail there, not at a door.
 */
function ed25519PublicKeyOf(seed: Buffer): Buffer {
  const key = createPrivateKey({
    key: { kty: "OKP", crv: "Ed25519", d: seed.toString("base64url"), x: X_PLACEHOLDER },
    format: "jwk",
  });
  return Buffer.from(key.export({ format: "jwk" }).x!, "base64url");
}

const X_PLACEHOLDER = Buffer.alloc(32).toString("base64url");
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
