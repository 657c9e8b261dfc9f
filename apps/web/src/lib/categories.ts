import { eventCategories } from "@frontrow/validators/plain";

export const CATEGORIES = eventCategories;

export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  concert: "Concerts",
  sports: "Sports",
  theatre: "Theatre",
  comedy: "Comedy",
  family: "Family",
  festival: "Festivals",
};

/** Singular label for a badge on a card. */
export const CATEGORY_NAMES: Record<Category, string> = {
  concert: "Concert",
  sports: "Sports",
  theatre: "Theatre",
  comedy: "Comedy",
  family: "Family",
  festival: "Festival",
};

export function isCategory(value: string | null | undefined): value is Category {
  return (CATEGORIES as readonly string[]).includes(value ?? "");
}
