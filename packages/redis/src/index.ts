export * from "./client";
export * from "./keys";
export * from "./hold-scripts";
export * from "./queue-scripts";
