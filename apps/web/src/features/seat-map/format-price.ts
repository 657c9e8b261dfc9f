const formats = new Map<string, Intl.NumberFormat>();

/** Always with cents, for line items and totals: `8500, "USD"` → "$85.00". */
export function formatPrice(cents: number, currency: string): string {
  let format = formats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: "currency", currency });
    } catch {
      format = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formats.set(currency, format);
  }
  const text = format.format(cents / 100);
  return format.resolvedOptions().style === "currency" ? text : `${currency} ${text}`;
}
