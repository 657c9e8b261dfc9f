import { z } from "zod";

/**
 * A fan's place in the waiting room. Strict: queue answers are checked where they are (their JSON is pre-built,
 * see packages/api's encodeQueueStatus) rather than copied, so an unknown key is refused, not stripped.
 */
export const queueStatusOutput = z.strictObject({
  state: z.enum(["none", "pre_queue", "waiting", "admitted", "expired"]),
  position: z.number().optional(),
  ahead: z.number().optional(),
  etaSeconds: z.number().optional(),
  accessPass: z.string().optional(),
  admittedUntil: z.date().optional(),
  entryId: z.string().optional(),
  startsAt: z.date(),
  fairness: z.strictObject({ seedHash: z.string(), seed: z.string().optional() }).optional(),
});

export const queueFairnessOutput = z.union([
  z.object({ seedHash: z.string().nullable(), seed: z.null(), entries: z.null() }),
  z.object({ seedHash: z.string(), seed: z.string(), entries: z.array(z.string()) }),
]);
