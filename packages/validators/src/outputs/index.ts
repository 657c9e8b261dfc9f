/**
 * What each tRPC procedure answers (packages/api's `.output()`), for the server only: the web app imports
 * `@frontrow/validators`, whose bundle these stay out of.
 */
export * from "./shared";
export * from "./admin";
export * from "./auth";
export * from "./catalog";
export * from "./holds";
export * from "./orders";
export * from "./queue";
export * from "./seats";
export * from "./transfers";
export * from "./scanning";
export * from "./waiting-list";
export * from "./resale";
