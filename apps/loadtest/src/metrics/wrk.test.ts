import { describe, expect, it } from "vitest";
import { parseWrkOutput } from "./wrk";

const OUTPUT = `Running 5s test @ http://127.0.0.1:18234/trpc/auth.me
  1 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     4.84ms    6.76ms  55.22ms   92.71%
    Req/Sec    18.02k     6.64k   24.26k    70.00%
  Latency Distribution
     50%  930.00us
     75%    5.68ms
     90%    9.78ms
     99%    1.20s
  18268 requests in 1.04s, 2.28MB read
  Socket errors: connect 0, read 2, write 0, timeout 3
  Non-2xx or 3xx responses: 12
Requests/sec:  17579.79
Transfer/sec:      2.20MB
`;

describe("parseWrkOutput", () => {
  it("reads the rate, the error counts and the latency percentiles in their units", () => {
    expect(parseWrkOutput(OUTPUT)).toEqual({
      requests: 18_268,
      requestsPerSecond: 17_579.79,
      non2xx: 12,
      socketErrors: 5,
      p50Ms: 0.93,
      p99Ms: 1_200,
    });
  });

  it("says so when wrk printed no rate", () => {
    expect(() => parseWrkOutput("unable to connect to 127.0.0.1:1 Connection refused")).toThrow(
      /no Requests\/sec/,
    );
  });
});
