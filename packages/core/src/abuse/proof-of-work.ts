import { createHmac } from "node:crypto";
import { keys, type Redis } from "@frontrow/redis";
import { createChallenge, randomInt, solveChallenge, verifySolution, type Challenge, type Payload } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { DomainError } from "../errors";

/** What a challenge is good for: signing up, or joining one event's waiting room. */
export type ProofOfWorkPurpose = { kind: "register" } | { kind: "queue"; eventId: string };

const purposeTag = (purpose: ProofOfWorkPurpose) => (purpose.kind === "register" ? "register" : `queue:${purpose.eventId}`);

export interface ProofOfWorkSettings {
  /** HMAC key that signs challenges (and the derived keys of their answers). */
  hmacKey: string;
  /**
   * Work per challenge: the answer is a counter drawn between half this and this, which the browser finds by
   * hashing every counter from 0 (SHA-256), so a fan's device spends about 3/4 of this many hashes.
   */
  maxCounter: number;
  /** How long a challenge stays valid. */
  ttlMs: number;
  /** Whether signing up needs a solved challenge (joining a waiting room needs one on high-demand events). */
  onRegister: boolean;
}

export const DEFAULT_POW_MAX_COUNTER = 20_000;
export const POW_TTL_MS = 5 * 60_000;

export interface ProofOfWork {
  readonly onRegister: boolean;
  challenge(purpose: ProofOfWorkPurpose): Promise<Challenge>;
  /**
   * Checks a solved challenge (the ALTCHA widget's base64 payload) for this purpose and spends it: each one is
   * accepted once (Redis SET NX until it expires), so one solution cannot open many sign-ups or joins.
   * Throws PROOF_OF_WORK_REQUIRED when it is missing, malformed, forged, expired, for another purpose or reused.
   */
  spend(payload: string | undefined, purpose: ProofOfWorkPurpose): Promise<void>;
}

function decodePayload(payload: string): Payload | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as Payload;
    const { challenge, solution } = decoded ?? {};
    if (typeof challenge?.signature !== "string" || typeof challenge.parameters !== "object" || !challenge.parameters) return undefined;
    if (typeof solution?.counter !== "number" || typeof solution.derivedKey !== "string") return undefined;
    return decoded;
  } catch {
    return undefined;
  }
}

/** An HMAC key for ALTCHA derived from another secret, when the operator sets none of its own. */
export function deriveProofOfWorkKey(secret: string): string {
  return createHmac("sha256", secret).update("frontrow proof-of-work").digest("hex");
}

export function createProofOfWork(deps: { redis: Redis }, settings: ProofOfWorkSettings): ProofOfWork {
  const keySecret = createHmac("sha256", settings.hmacKey).update("derived keys").digest("hex");
  const required = (message: string) => new DomainError("PROOF_OF_WORK_REQUIRED", message);
  return {
    onRegister: settings.onRegister,
    challenge: (purpose) =>
      createChallenge({
        algorithm: "SHA-256",
        cost: 1,
        counter: randomInt(Math.ceil(settings.maxCounter / 2), settings.maxCounter),
        deriveKey,
        data: { purpose: purposeTag(purpose) },
        // altcha-lib checks expiry against the real clock, so it is set from the real clock too.
        expiresAt: new Date(Date.now() + settings.ttlMs),
        hmacSignatureSecret: settings.hmacKey,
        hmacKeySignatureSecret: keySecret,
      }),
    async spend(payload, purpose) {
      if (!payload) throw required("Your browser must solve a short check first: reload the page and try again");
      const decoded = decodePayload(payload);
      if (!decoded || decoded.challenge.parameters.data?.purpose !== purposeTag(purpose)) {
        throw required("The browser check is not valid for this request: try again");
      }
      const result = await verifySolution({
        challenge: decoded.challenge,
        solution: decoded.solution,
        deriveKey,
        hmacSignatureSecret: settings.hmacKey,
        hmacKeySignatureSecret: keySecret,
      }).catch(() => undefined);
      if (!result?.verified) {
        throw required(result?.expired ? "The browser check expired: try again" : "The browser check failed: try again");
      }
      const fresh = await deps.redis.set(keys.proofOfWorkUsed(decoded.challenge.signature!), "1", "PX", settings.ttlMs, "NX");
      if (fresh !== "OK") throw required("This browser check was used already: try again");
    },
  };
}

/**
 * Solves a challenge in Node, as the ALTCHA widget does in a browser, and returns the payload the API takes. For
 * tests and the load tester's simulated fans and bots: a bot pays the same work.
 */
export async function solveProofOfWork(challenge: Challenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("proof-of-work challenge not solved in time");
  const payload: Payload = { challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution };
  return Buffer.from(JSON.stringify(payload)).toString("base64");
}
