import { ensureTestTemplate } from "./testing";

/** Builds the migrated template database once per run, before any test clones it. */
export default async function setup() {
  await ensureTestTemplate();
}
