/** The seat as printed on a ticket and signed into its QR code: `101/F/7`, or `FLOOR/GA` for standing. */
export function seatClaim(section: string, row: string | null, number: number | null): string {
  return row !== null && number !== null ? `${section}/${row}/${number}` : `${section}/GA`;
}

/** The seat as a person reads it. */
export function seatLabel(section: string, row: string | null, number: number | null): string {
  return row !== null && number !== null
    ? `Section ${section}, row ${row}, seat ${number}`
    : `${section} (general admission)`;
}
