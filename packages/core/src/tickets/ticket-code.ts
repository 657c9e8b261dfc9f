import { randomBytes } from "node:crypto";

// Crockford base32 without I, L, O, U: nothing a person can misread at a door.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A short human-readable ticket code like `FR-7KQ2-M9XD`, 40 random bits. */
export function generateTicketCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let code = "";
  for (let i = 0; i < 8; i++) {
    code = ALPHABET[Number(bits & 31n)]! + code;
    bits >>= 5n;
  }
  return `FR-${code.slice(0, 4)}-${code.slice(4)}`;
}
