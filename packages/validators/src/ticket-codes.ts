import { ed25519 } from "@noble/curves/ed25519.js";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { CODE_STEP_SECONDS, CODE_STEP_TOLERANCE } from "./ticket-code-step";

/**
 * Ticket codes read at the door, made and checked the same way by the server, the fan's browser and the scanner's
 * browser (Ed25519 by @noble/curves: pure JavaScript, synchronous, no WebCrypto, so it also works on a scanner
 * page served over plain HTTP on a venue's network, where browsers hide `crypto.subtle`).
 *
 * - Rotating (`FRT2.<base64url>`), shown on the fan's ticket page: every 30 s a new code. Each ticket has a key pair
 *   of its own; the server signs a credential (ticket id, event id, the ticket's public key, seat) and gives it with
 *   the ticket's secret key to the ticket's owner alone. The fan's browser signs (ticket id, time step) with the
 *   ticket's key. A scanner with only the server's public key and a clock checks both signatures and that the step
 *   is within one step of its own: a screenshot stops working within a minute.
 *   Bytes: step (u32) | ticket signature (64) | server signature (64) | ticket id (16) | event id (16) |
 *   ticket public key (32) | seat (UTF-8), about 280 characters.
 * - Printed (`FRT1.<ticketId>.<eventId>.<seat>.<signature>`), in the PDF: static, signed by the server, accepted
 *   only for events whose organizer allows printed tickets.
 */

export { CODE_STEP_SECONDS, CODE_STEP_TOLERANCE };
export const ROTATING_PREFIX = "FRT2";
export const PRINTED_PREFIX = "FRT1";

const utf8 = new TextEncoder();
const CREDENTIAL_DOMAIN = utf8.encode("frontrow/ticket-credential/v1\0");
const STEP_DOMAIN = utf8.encode("frontrow/ticket-step/v1\0");
const SIG = 64;
const KEY = 32;
const ID = 16;
const CREDENTIAL_FIXED = SIG + ID + ID + KEY;
/** Far above any seat claim: sections are named in 40 characters, rows in a few (4 UTF-8 bytes each at most). */
const MAX_SEAT_BYTES = 255;

export interface TicketClaims {
  ticketId: string;
  eventId: string;
  /** The seat as signed: `101/F/7`, or `FLOOR/GA` for standing. */
  seat: string;
}

/** What the owner's browser needs to show the rotating code: the signed credential and the ticket's secret key. */
export interface RotatingTicketKey {
  credential: string;
  secretKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidBytes(id: string): Uint8Array {
  if (!UUID.test(id)) throw new Error(`not a UUID: ${id}`);
  const hex = id.replaceAll("-", "");
  const bytes = new Uint8Array(ID);
  for (let i = 0; i < ID; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function uuidString(bytes: Uint8Array): string {
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

/** The time step a clock reading falls in. */
export function codeStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / CODE_STEP_SECONDS);
}

export function ticketPublicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed25519.getPublicKey(secretKey);
}

/** The server's half: the credential binding a ticket's public key to the ticket, signed with the server's key. */
export function issueTicketCredential(serverSecretKey: Uint8Array, claims: TicketClaims, ticketSecretKey: Uint8Array): string {
  return ticketCredential(claims, ticketPublicKeyOf(ticketSecretKey), (message) => ed25519.sign(message, serverSecretKey));
}

/**
 * The credential, with the Ed25519 work handed in: a server signs natively (Node's crypto, some 30 times faster
 * than this file's JavaScript Ed25519, and a checkout issues one per ticket). Ed25519 is deterministic, so both
 * ways give the same bytes.
 */
export function ticketCredential(
  claims: TicketClaims,
  ticketPublicKey: Uint8Array,
  signWithServerKey: (message: Uint8Array) => Uint8Array,
): string {
  const seat = utf8.encode(claims.seat);
  if (seat.length > MAX_SEAT_BYTES) throw new Error("seat claim too long for a ticket code");
  const body = concat(uuidBytes(claims.ticketId), uuidBytes(claims.eventId), ticketPublicKey, seat);
  return encodeBase64urlNoPadding(concat(signWithServerKey(concat(CREDENTIAL_DOMAIN, body)), body));
}

/** The fan's half: the code for the step `nowMs` falls in, and when the next one is due. */
export function rotatingTicketCode(key: RotatingTicketKey, nowMs: number): { code: string; step: number; nextAtMs: number } {
  const credential = decodeBase64urlIgnorePadding(key.credential);
  const step = codeStep(nowMs);
  const ticketId = credential.subarray(SIG, SIG + ID);
  const signature = ed25519.sign(concat(STEP_DOMAIN, ticketId, u32(step)), decodeBase64urlIgnorePadding(key.secretKey));
  return {
    code: `${ROTATING_PREFIX}.${encodeBase64urlNoPadding(concat(u32(step), signature, credential))}`,
    step,
    nextAtMs: (step + 1) * CODE_STEP_SECONDS * 1000,
  };
}

export type TicketCodeRefusal = "MALFORMED" | "BAD_SIGNATURE" | "EXPIRED" | "WRONG_EVENT" | "PRINTED_NOT_ALLOWED";

export type TicketCodeCheck =
  | ({ ok: true; kind: "rotating" | "printed" } & TicketClaims)
  | { ok: false; reason: TicketCodeRefusal; message: string };

export interface TicketCodeContext {
  /** The server's Ed25519 public key (32 bytes). */
  serverPublicKey: Uint8Array;
  /** The scanner's clock. */
  nowMs: number;
  /** The event this door admits to. */
  eventId: string;
  /** The event's organizer allows printed (static) tickets. */
  allowPrinted: boolean;
}

const refuse = (reason: TicketCodeRefusal, message: string): TicketCodeCheck => ({ ok: false, reason, message });

const MALFORMED = refuse("MALFORMED", "This is not a Frontrow ticket code");
const BAD_SIGNATURE = refuse("BAD_SIGNATURE", "This ticket code is forged or damaged");

function verify(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

function decodeRotating(body: string, serverPublicKey: Uint8Array) {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64urlIgnorePadding(body);
  } catch {
    return MALFORMED;
  }
  if (bytes.length < 4 + SIG + CREDENTIAL_FIXED || bytes.length > 4 + SIG + CREDENTIAL_FIXED + MAX_SEAT_BYTES) return MALFORMED;
  const step = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0);
  const stepSignature = bytes.subarray(4, 4 + SIG);
  const credential = bytes.subarray(4 + SIG);
  const serverSignature = credential.subarray(0, SIG);
  const credentialBody = credential.subarray(SIG);
  const ticketIdBytes = credentialBody.subarray(0, ID);
  const ticketPublicKey = credentialBody.subarray(ID + ID, ID + ID + KEY);
  if (!verify(serverSignature, concat(CREDENTIAL_DOMAIN, credentialBody), serverPublicKey)) return BAD_SIGNATURE;
  if (!verify(stepSignature, concat(STEP_DOMAIN, ticketIdBytes, u32(step)), ticketPublicKey)) return BAD_SIGNATURE;
  let seat: string;
  try {
    seat = new TextDecoder("utf-8", { fatal: true }).decode(credentialBody.subarray(ID + ID + KEY));
  } catch {
    return MALFORMED;
  }
  return {
    step,
    claims: { ticketId: uuidString(ticketIdBytes), eventId: uuidString(credentialBody.subarray(ID, ID + ID)), seat },
  };
}

function decodePrinted(parts: string[], serverPublicKey: Uint8Array) {
  if (parts.length !== 5) return MALFORMED;
  const [, ticketId, eventId, encodedSeat, signature] = parts as [string, string, string, string, string];
  let claims: TicketClaims;
  let signatureBytes: Uint8Array;
  try {
    claims = { ticketId, eventId, seat: decodeURIComponent(encodedSeat) };
    signatureBytes = decodeBase64urlIgnorePadding(signature);
  } catch {
    return MALFORMED;
  }
  const message = utf8.encode(`${PRINTED_PREFIX}|${claims.ticketId}|${claims.eventId}|${claims.seat}`);
  if (!verify(signatureBytes, message, serverPublicKey)) return BAD_SIGNATURE;
  return { claims };
}

/**
 * A scanner's check, offline: the code's signatures against the server's public key, its event, and (rotating) its
 * time step within one step of the scanner's clock. Whether the ticket was used or cancelled is the server's to say.
 */
export function checkTicketCode(code: string, context: TicketCodeContext): TicketCodeCheck {
  const trimmed = code.trim();
  const parts = trimmed.split(".");
  if (parts[0] === ROTATING_PREFIX && parts.length === 2) {
    const decoded = decodeRotating(parts[1]!, context.serverPublicKey);
    if ("ok" in decoded) return decoded;
    if (decoded.claims.eventId !== context.eventId) return refuse("WRONG_EVENT", "This ticket is for another event");
    const drift = decoded.step - codeStep(context.nowMs);
    if (drift < -CODE_STEP_TOLERANCE) return refuse("EXPIRED", "This code has expired: ask the fan to show the live code on their ticket page (not a screenshot)");
    if (drift > CODE_STEP_TOLERANCE) return refuse("EXPIRED", "This code is not valid yet: check this scanner's clock");
    return { ok: true, kind: "rotating", ...decoded.claims };
  }
  if (parts[0] === PRINTED_PREFIX) {
    const decoded = decodePrinted(parts, context.serverPublicKey);
    if ("ok" in decoded) return decoded;
    if (decoded.claims.eventId !== context.eventId) return refuse("WRONG_EVENT", "This ticket is for another event");
    if (!context.allowPrinted) {
      return refuse("PRINTED_NOT_ALLOWED", "Printed tickets are not accepted for this event: ask for the live code on the fan's ticket page");
    }
    return { ok: true, kind: "printed", ...decoded.claims };
  }
  return MALFORMED;
}

export function decodeKey(base64url: string): Uint8Array {
  return decodeBase64urlIgnorePadding(base64url);
}

export function encodeKey(bytes: Uint8Array): string {
  return encodeBase64urlNoPadding(bytes);
}

/** A new Ed25519 key pair (raw bytes): for tests, and for a ticket key made outside the server. */
export function generateKeyPair(): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const { secretKey, publicKey } = ed25519.keygen();
  return { secretKey, publicKey };
}
