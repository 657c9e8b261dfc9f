import { z } from "zod";
import { text } from "./primitives";
import { idSchema } from "./catalog";
import { holdIdSchema } from "./holds";

/** The Luhn checksum every real card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

export const cardInput = z.object({
  cardNumber: z
    .string()
    .transform((value) => value.replace(/[\s-]/g, ""))
    .pipe(
      z
        .string()
        .regex(/^\d{12,19}$/, "Enter the card number")
        .refine(passesLuhn, "This card number is not valid"),
    ),
  expMonth: z.number().int().min(1, "Enter the expiry month").max(12, "Enter the expiry month"),
  expYear: z.number().int().min(2000).max(2100),
  cvc: z.string().regex(/^\d{3,4}$/, "Enter the 3 or 4 digit security code"),
  name: text().trim().min(1, "Enter the name on the card").max(100),
});

export const checkoutInput = z.object({
  holdId: holdIdSchema,
  idempotencyKey: text().min(8).max(100),
  payment: cardInput,
});
export type CheckoutInput = z.output<typeof checkoutInput>;

export const orderIdInput = z.object({ orderId: idSchema });
