import { z } from "zod";
import { idSchema } from "./catalog";

export const eventStatusActions = ["put_on_sale", "pause", "resume", "end", "cancel"] as const;

export const changeEventStatusInput = z.object({ eventId: idSchema, action: z.enum(eventStatusActions) });

export const updateAdmissionInput = z
  .object({
    eventId: idSchema,
    admitRatePerMinute: z.number().int().min(1, "Admit at least one fan a minute").max(100_000).optional(),
    paused: z.boolean().optional(),
  })
  .refine((input) => input.admitRatePerMinute !== undefined || input.paused !== undefined, {
    message: "Change the rate or pause/resume admission",
  });

export const auditLogInput = z
  .object({ subjectId: idSchema.optional(), limit: z.number().int().min(1).max(500).optional() })
  .optional();
