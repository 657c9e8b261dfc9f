export * from "./auth";
export * from "./events";
export * from "./orders";
export * from "./venues";
export * from "./audit";
export * from "./waiting-list";
