import { isConnectionError } from "@frontrow/core";
import type { Logger } from "./logger";

/**
 * A promise rejected with nobody listening ends the process by default. When the rejection only says that Postgres
 * or Redis dropped a connection (a restart, a failover), the process logs it and keeps serving: the requests that
 * needed the connection already failed on their own, and the pools reconnect. Anything else still ends the
 * process (a worker is then replaced by its primary), since the state it leaves behind is unknown.
 */
export function survivingConnectionLoss(logger: Logger) {
  return (reason: unknown, promise: Promise<unknown>) => {
    // A postgres.js query is a promise that carries its SQL: name it, so the missing handler can be found.
    const strings = (promise as { strings?: unknown }).strings;
    const query = Array.isArray(strings) ? strings.join("$") : undefined;
    if (isConnectionError(reason)) {
      logger.error(
        { err: reason, query },
        "a connection dropped under a promise nobody awaited; still serving",
      );
      return;
    }
    logger.fatal({ err: reason, query }, "unhandled promise rejection");
    process.exit(1);
  };
}
