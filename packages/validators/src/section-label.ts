/**
 * How a section is named to fans, the one rule for the seat map, checkout, orders, tickets and mails: numbered or
 * lettered sections read "Section 112" / "Section A"; sections with a name of their own ("Stalls", "Balcony
 * Center") keep it.
 */
export function sectionLabel(name: string): string {
  const trimmed = name.trim();
  if (/^section\b/i.test(trimmed)) return trimmed;
  return /^[A-Za-z]{0,4}[-\s]?\d+[A-Za-z]?$|^[A-Za-z]{1,2}$/.test(trimmed) ? `Section ${trimmed}` : trimmed;
}

/** The short order code fans see on the site, tickets and mails: the order id's first 8 characters, upper case. */
export function shortOrderCode(orderId: string): string {
  return orderId.slice(0, 8).toUpperCase();
}
