import { alcottTheatre } from "./alcott-theatre";
import { harborPointArena } from "./harbor-point-arena";
import { laughCellar } from "./laugh-cellar";
import { theFoundry } from "./the-foundry";
import type { VenueBlueprint } from "./types";

export type * from "./types";

/** Every demo venue, built fresh (the layouts are pure functions of constants). */
export function demoVenues(): VenueBlueprint[] {
  return [harborPointArena(), alcottTheatre(), theFoundry(), laughCellar()];
}
