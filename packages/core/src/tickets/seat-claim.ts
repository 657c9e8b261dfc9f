export { seatLabel } from "@frontrow/validators";

/** The seat as printed on a ticket and signed into its QR code: `101/F/7`, or `FLOOR/GA` for standing. */
export function seatClaim(section: string, row: string | null, number: number | null): string {
  return row !== null && number !== null ? `${section}/${row}/${number}` : `${section}/GA`;
}
