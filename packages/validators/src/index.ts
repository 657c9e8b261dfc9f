export * from "./auth";
export * from "./catalog";
export * from "./checkout";
export * from "./holds";
export * from "./admin";
export * from "./admin-venues";
export * from "./primitives";
export * from "./seat-map";
