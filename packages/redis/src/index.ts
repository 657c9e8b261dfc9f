export * from "./client";
export * from "./keys";
export * from "./lua-scripts";
export * from "./hold-scripts";
export * from "./queue-scripts";
export * from "./adjust-ga-capacity";
export * from "./block-seats";
export * from "./pubsub-channels";
