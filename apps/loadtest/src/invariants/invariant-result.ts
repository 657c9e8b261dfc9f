export interface InvariantResult {
  name: string;
  held: boolean;
  /** How many things were checked (seats, orders, holds, charges…). */
  checked: number;
  /** How many broke the invariant. */
  broken: number;
  detail: string;
}

export function invariant(name: string, checked: number, broken: number, detail: string): InvariantResult {
  return { name, held: broken === 0, checked, broken, detail };
}
