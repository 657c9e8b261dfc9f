import type { Spacing } from "./types";

/**
 * The demo venues use one map unit ≈ 0.5 m: seats one unit apart along a row, rows 1.6 units (≈ 0.8 m) apart,
 * and aisles 1.4 units wide between neighbouring sections.
 */
export const standardSpacing: Spacing = { seat: 1, row: 1.6 };

export const standardAisle = 1.4;
