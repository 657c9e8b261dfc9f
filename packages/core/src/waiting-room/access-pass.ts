import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";

interface PassClaims {
  /** fan (user id) */
  u: string;
  /** event id */
  e: string;
  /** expiry, ms since epoch */
  x: number;
  /** pass id */
  p: string;
}

/**
 * Access passes: HMAC-SHA256-signed claims (fan, event, expiry, pass id) handed to admitted fans. A pass copied
 * to another account or event, expired, or altered in any byte is refused.
 */
export function createAccessPassSigner(secret: string) {
  const mac = (body: string) => createHmac("sha256", secret).update(body).digest();
  return {
    issue(input: { userId: string; eventId: string; expiresAt: Date }): string {
      const claims: PassClaims = { u: input.userId, e: input.eventId, x: input.expiresAt.getTime(), p: randomUUID() };
      const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
      return `${body}.${mac(body).toString("base64url")}`;
    },
    verify(input: { pass: string; userId: string; eventId: string; now: Date }): boolean {
      const [body, signature, extra] = input.pass.split(".");
      if (!body || !signature || extra !== undefined) return false;
      const expected = mac(body);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
      try {
        const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PassClaims;
        return claims.u === input.userId && claims.e === input.eventId && claims.x > input.now.getTime();
      } catch {
        return false;
      }
    },
  };
}

export type AccessPassSigner = ReturnType<typeof createAccessPassSigner>;
