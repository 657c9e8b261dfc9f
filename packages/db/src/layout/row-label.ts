/** Row letters as printed on tickets: I and O are skipped because they read like 1 and 0. */
const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/** The label of the row at `index` (0 = front): A, B, … Z, then AA, BB, … ZZ, then AAA, … */
export function rowLabel(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`row index must be a non-negative integer: ${index}`);
  const letter = letters[index % letters.length] as string;
  return letter.repeat(Math.floor(index / letters.length) + 1);
}
