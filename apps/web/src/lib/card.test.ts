import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  caretAfterDigits,
  digitsOnly,
  formatCardNumber,
  formatExpiry,
  parseExpiry,
  paymentFingerprint,
  validateCardForm,
  type CardFormValues,
} from "./card";

const JUNE_2026 = new Date(2026, 5, 15);
const valid: CardFormValues = { cardNumber: "4242 4242 4242 4242", expiry: "12/27", cvc: "123", name: " Ada Lovelace " };

describe("formatCardNumber", () => {
  it("groups in fours, American Express 4-6-5", () => {
    expect(formatCardNumber("4242424242424242")).toBe("4242 4242 4242 4242");
    expect(formatCardNumber("378282246310005")).toBe("3782 822463 10005");
    expect(formatCardNumber("42424")).toBe("4242 4");
  });

  it("keeps the digits typed, in order, at most 19, whatever else was typed, and formats its own output unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."0123456789 -/ab") }), (typed) => {
        const formatted = formatCardNumber(typed);
        expect(digitsOnly(formatted)).toBe(digitsOnly(typed).slice(0, 19));
        expect(formatCardNumber(formatted)).toBe(formatted);
      }),
    );
  });
});

describe("caretAfterDigits", () => {
  it("puts the caret after the same digits once spaces were added", () => {
    expect(caretAfterDigits("4242 4242", 5)).toBe(6);
    expect(caretAfterDigits("4242 4242", 4)).toBe(4);
    expect(caretAfterDigits("4242", 0)).toBe(0);
    expect(caretAfterDigits("4242", 9)).toBe(4);
  });
});

describe("expiry", () => {
  it("formats as typed: a leading digit above 1 is a month, the slash comes with the year", () => {
    expect(formatExpiry("1")).toBe("1");
    expect(formatExpiry("4")).toBe("04");
    expect(formatExpiry("1226")).toBe("12/26");
    expect(formatExpiry("12/2")).toBe("12/2");
    expect(formatExpiry("9/27")).toBe("09/27");
  });

  it("reads two- and four-digit years, and refuses what is not MM/YY", () => {
    expect(parseExpiry("04/27")).toEqual({ month: 4, year: 2027 });
    expect(parseExpiry(" 4 / 2031 ")).toEqual({ month: 4, year: 2031 });
    expect(parseExpiry("0427")).toBeNull();
    expect(parseExpiry("04/273")).toBeNull();
  });
});

describe("validateCardForm", () => {
  it("gives the payment to send: digits only, the name trimmed", () => {
    expect(validateCardForm(valid, JUNE_2026)).toEqual({
      payment: { cardNumber: "4242424242424242", expMonth: 12, expYear: 2027, cvc: "123", name: "Ada Lovelace" },
      errors: null,
    });
  });

  it("says which field is wrong, in words", () => {
    const { errors } = validateCardForm({ cardNumber: "", expiry: "", cvc: "", name: "" }, JUNE_2026);
    expect(errors).toMatchObject({ cardNumber: "Enter the card number", expiry: "Enter the expiry date" });
    expect(errors?.cvc).toBeTruthy();
    expect(errors?.name).toBeTruthy();
    expect(validateCardForm({ ...valid, expiry: "13/27" }, JUNE_2026).errors).toEqual({
      expiry: "Enter the expiry date as MM/YY",
    });
  });

  it("refuses a number that fails the Luhn check, as the server would", () => {
    expect(validateCardForm({ ...valid, cardNumber: "4242 4242 4242 4241" }, JUNE_2026).errors?.cardNumber).toBeTruthy();
  });

  it("takes a card to the end of its expiry month, not a day more", () => {
    expect(validateCardForm({ ...valid, expiry: "06/26" }, JUNE_2026).errors).toBeNull();
    expect(validateCardForm({ ...valid, expiry: "05/26" }, JUNE_2026).errors).toEqual({ expiry: "This card has expired" });
  });
});

describe("paymentFingerprint", () => {
  it("is the same for the same card and differs when any detail does", () => {
    const payment = validateCardForm(valid, JUNE_2026).payment!;
    expect(paymentFingerprint({ ...payment })).toBe(paymentFingerprint(payment));
    expect(paymentFingerprint({ ...payment, cvc: "124" })).not.toBe(paymentFingerprint(payment));
  });
});
