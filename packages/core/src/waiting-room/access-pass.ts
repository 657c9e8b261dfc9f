import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import type { AccessPassCheck } from "../holds/access-pass";

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
    /** A genuine pass of this fan for this event is "valid" until its expiry (the shopping window's end), then
     * "window_ended"; anything else is "invalid". */
    verify(input: { pass: string; userId: string; eventId: string; now: Date }): AccessPassCheck {
      const [body, signature, extra] = input.pass.split(".");
      if (!body || !signature || extra !== undefined) return "invalid";
      const expected = mac(body);
      const given = Buffer.from(signature, "base64url");
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
      try {
        const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as PassClaims;
        if (claims.u !== input.userId || claims.e !== input.eventId) return "invalid";
        return claims.x > input.now.getTime() ? "valid" : "window_ended";
      } catch {
        return "invalid";
      }
    },
  };
}

export type AccessPassSigner = ReturnType<typeof createAccessPassSigner>;
