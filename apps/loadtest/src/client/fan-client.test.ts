import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { errorCode } from "./error-code";
import { FanClient } from "./fan-client";

describe("FanClient", () => {
  it("gives up on an instance that accepts the request and never answers", async () => {
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const fan = new FanClient({ email: "", password: "" }, [base], 0, 300);
    // Garbage, as a busy load test makes: a timeout signal held only weakly would be collected with it.
    let garbage: unknown[] = [];
    const churn = setInterval(() => (garbage = Array.from({ length: 100_000 }, (_, i) => ({ i }))), 20);
    try {
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () =>
          Promise.race([
            fan.trpc.auth.me.query().then(
              () => "answered",
              (error: unknown) => errorCode(error),
            ),
            new Promise((resolve) => setTimeout(() => resolve("still waiting"), 3_000)),
          ]),
        ),
      );
      expect(outcomes).toEqual(Array(10).fill("TIMEOUT"));
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      clearInterval(churn);
      void garbage;
      silent.closeAllConnections();
      silent.close();
    }
  });
});
