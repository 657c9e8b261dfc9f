import { z } from "zod";
import { emailSchema } from "./auth";
import { idSchema } from "./catalog";

/** A door scan: the event this door admits to and the code as read (camera, handheld scanner or typed). */
export const admitTicketInput = z.object({
  eventId: idSchema,
  code: z.string().trim().min(1, "Scan or type a ticket code").max(1_000, "This is not a Frontrow ticket code"),
});

/** Roles an organizer may give: door scanning, or back to a fan. Admins are made outside the app. */
export const grantableRole = z.enum(["fan", "scanner"]);

export const setUserRoleInput = z.object({ email: emailSchema, role: grantableRole });
