export { InProcessRedisServer, type InProcessRedis } from "./server";
