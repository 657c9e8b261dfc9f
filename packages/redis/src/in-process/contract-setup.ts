import { inject } from "vitest";

// Runs before each test file of the contract project, so @frontrow/redis/testing connects to the in-process Redis.
process.env.TEST_REDIS_URL = inject("inProcessRedisUrl");
