import { z } from "zod";

export const sessionUserOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["fan", "admin", "scanner"]),
});
export const signedInOutput = z.object({ user: sessionUserOutput });
export const meOutput = sessionUserOutput.nullable();

/** An ALTCHA challenge (altcha-lib's), for a sign-up or a high-demand waiting room. */
const altchaChallenge = z.object({
  codeChallenge: z
    .object({ image: z.string(), audio: z.string().optional(), length: z.number().optional() })
    .optional(),
  parameters: z.object({
    algorithm: z.string(),
    nonce: z.string(),
    salt: z.string(),
    cost: z.number(),
    keyLength: z.number(),
    keyPrefix: z.string(),
    keySignature: z.string().optional(),
    memoryCost: z.number().optional(),
    parallelism: z.number().optional(),
    expiresAt: z.number().optional(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
  signature: z.string().optional(),
});

export const proofOfWorkChallengeOutput = z.discriminatedUnion("required", [
  z.object({ required: z.literal(false), challenge: z.undefined().optional() }),
  z.object({ required: z.literal(true), challenge: altchaChallenge }),
]);
