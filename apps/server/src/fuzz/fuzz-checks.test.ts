import { describe, expect, it } from "vitest";
import { changesBetween, problemsOf, refusalMessages } from "./fuzz-target";

const trpcError = (message: string, extra = "") =>
  JSON.stringify({ error: { json: { message, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400, path: "auth.register" } } } }) + extra;

describe("the fuzz suite's checks", () => {
  it("pass a refusal with a message, and a 2xx", () => {
    expect(problemsOf({ status: 400, text: trpcError("Enter a valid email address") })).toEqual([]);
    expect(problemsOf({ status: 404, text: JSON.stringify({ error: "Not found anywhere" }) })).toEqual([]);
    expect(problemsOf({ status: 200, text: JSON.stringify({ result: { data: { json: "select * from users" } } }) })).toEqual([]);
    expect(refusalMessages(JSON.stringify([{ result: {} }, { error: { json: { message: "Batch refusal here" } } }]))).toEqual([
      "Batch refusal here",
    ]);
  });

  it("flag a 5xx, no answer, a refusal without a message and every kind of leak", () => {
    expect(problemsOf({ status: 500, text: trpcError("Something went wrong on our side") })).toEqual(["status 500"]);
    expect(problemsOf({ status: 0, text: "closed" })).toEqual(["no answer: closed"]);
    expect(problemsOf({ status: 431, text: "" })).toEqual(["a 431 without an error message: "]);
    expect(problemsOf({ status: 400, text: trpcError("Bad") })).toEqual(['an unclear message: ["Bad"]']);
    const leaks = {
      SQL: 'Failed query: insert into "users" ("id") values ($1) params: x',
      "Postgres error": 'invalid byte sequence for encoding "UTF8": 0x00',
      "Redis error": "ERR value is not an integer or out of range",
      "stack frame": "Error: x\n    at listEvents (/srv/app/core.js:10:5)",
      "file path": "in /work/wt-fuzz/packages/core/src/catalog/list-events.ts:12",
      "JavaScript error": "TypeError: Cannot read properties of undefined (reading 'id')",
    };
    for (const [kind, message] of Object.entries(leaks)) {
      const problems = problemsOf({ status: 400, text: trpcError(message) });
      expect(problems.some((problem) => problem.startsWith(`leaks ${kind}`)), `${kind}: ${problems.join(" | ")}`).toBe(true);
    }
  });

  it("name every table and Redis key that changed", () => {
    const before = { tables: { users: "1:a", orders: "0:" }, keys: { "{e:1}:seats": "x" } };
    expect(changesBetween(before, before)).toEqual([]);
    expect(
      changesBetween(before, { tables: { users: "1:b", orders: "0:" }, keys: { "{e:1}:seats": "y", "{e:1}:holds": "z" } }),
    ).toEqual(["table users: 1:a → 1:b", "Redis {e:1}:seats", "Redis {e:1}:holds"]);
  });
});
