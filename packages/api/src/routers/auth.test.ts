import { sessionIdFromToken } from "@frontrow/core";
import { describe, expect } from "vitest";
import { z } from "zod";
import { domainCode, failure, startOtherInstance, test } from "../testing";
import { adminProcedure, protectedProcedure, router } from "../trpc";
import { createCallerFactory } from "../trpc";
import { createContext } from "../context";

const DAY = 24 * 60 * 60 * 1000;

const fan = { email: "Alex@Example.com ", password: "correct horse battery", name: "Alex Fan" };

describe("auth", () => {
  test("register signs the fan in with a normalized email and the session survives a new request", async ({
    api,
  }) => {
    const browser = api.client();
    const { user } = await (await browser.call()).auth.register(fan);
    expect(user).toMatchObject({ email: "alex@example.com", name: "Alex Fan", role: "fan" });
    expect(browser.sessionToken).toMatch(/^[a-z2-7]{32}$/);
    expect(await (await browser.call()).auth.me()).toMatchObject({ id: user.id, email: "alex@example.com" });
  });

  test("the session token is stored only as its SHA-256 hash", async ({ api, services }) => {
    const browser = api.client();
    await (await browser.call()).auth.register(fan);
    const rows = await services.database.sql`select id from sessions`;
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(browser.sessionToken);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
  });

  test("an email already used, in any case, is EMAIL_TAKEN", async ({ api }) => {
    await (await api.client().call()).auth.register(fan);
    const error = await failure((await api.client().call()).auth.register({ ...fan, email: "ALEX@example.COM" }));
    expect(error.code).toBe("CONFLICT");
    expect(domainCode(error)).toBe("EMAIL_TAKEN");
  });

  test("a short password or a bad email is BAD_REQUEST and creates nothing", async ({ api, services }) => {
    const caller = await api.client().call();
    expect((await failure(caller.auth.register({ ...fan, password: "short" }))).code).toBe("BAD_REQUEST");
    expect((await failure(caller.auth.register({ ...fan, email: "not-an-email" }))).code).toBe("BAD_REQUEST");
    expect(await services.database.sql`select * from users`).toHaveLength(0);
  });

  test("a common password, only spaces or one character repeated is BAD_REQUEST on the password field", async ({
    api,
    services,
  }) => {
    const caller = await api.client().call();
    const cases: Array<[string, string]> = [
      ["password", "This password is too common. Choose one that is harder to guess."],
      ["12345678", "This password is too common. Choose one that is harder to guess."],
      ["Football", "This password is too common. Choose one that is harder to guess."],
      ["        ", "Password cannot be only spaces"],
      ["zzzzzzzzzz", "Password cannot be one character repeated"],
    ];
    for (const [password, message] of cases) {
      const error = await failure(caller.auth.register({ ...fan, password }));
      expect(error.code, password).toBe("BAD_REQUEST");
      expect(z.flattenError(error.cause as z.ZodError).fieldErrors, password).toEqual({ password: [message] });
    }
    expect(await services.database.sql`select * from users`).toHaveLength(0);
  });

  test("sign-in works with any casing; a wrong password and an unknown email fail the same way", async ({ api }) => {
    await (await api.client().call()).auth.register(fan);
    const browser = api.client();
    const { user } = await (await browser.call()).auth.login({ email: "ALEX@EXAMPLE.COM", password: fan.password });
    expect(user.email).toBe("alex@example.com");
    expect(await (await browser.call()).auth.me()).toMatchObject({ id: user.id });

    const caller = await api.client().call();
    const wrong = await failure(caller.auth.login({ email: fan.email, password: "wrong password" }));
    const unknown = await failure(caller.auth.login({ email: "nobody@example.com", password: "wrong password" }));
    for (const error of [wrong, unknown]) {
      expect(error.code).toBe("UNAUTHORIZED");
      expect(domainCode(error)).toBe("INVALID_CREDENTIALS");
    }
    expect(wrong.message).toBe(unknown.message);
  });

  test("logout ends the session for good", async ({ api }) => {
    const browser = api.client();
    await (await browser.call()).auth.register(fan);
    const token = browser.sessionToken;
    expect(await (await browser.call()).auth.logout()).toEqual({ ok: true });
    expect(browser.sessionToken).toBeUndefined();
    expect(await (await api.client({ sessionToken: token }).call()).auth.me()).toBeNull();
  });

  test("a bad session token is simply anonymous", async ({ api }) => {
    const caller = await api.client({ sessionToken: "not-a-real-token" }).call();
    expect(await caller.auth.me()).toBeNull();
  });

  test("sessions expire after 30 days unused, and use within the last 15 days slides the expiry", async ({
    api,
    services,
  }) => {
    const browser = api.client();
    await (await browser.call()).auth.register(fan);
    const token = browser.sessionToken;

    services.clock.advance(16 * DAY);
    expect(await (await browser.call()).auth.me()).not.toBeNull(); // renewed to day 46
    services.clock.advance(20 * DAY); // day 36: past the original expiry, within the renewed one
    expect(await (await browser.call()).auth.me()).not.toBeNull();
    services.clock.advance(31 * DAY);
    expect(await (await browser.call()).auth.me()).toBeNull();
    expect(await (await api.client({ sessionToken: token }).call()).auth.me()).toBeNull();
  });

  test("failed sign-ins are limited per account and address, with a retry-after, even for the right password", async ({
    api,
    services,
  }) => {
    await (await api.client().call()).auth.register(fan);
    const home = "198.51.100.7";
    // testSignInLimits: 3 failures per account and address per minute.
    for (let i = 0; i < 3; i++) {
      const caller = await api.client({ ip: home }).call();
      expect(domainCode(await failure(caller.auth.login({ email: fan.email, password: "nope nope" })))).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    const blocked = await failure(
      (await api.client({ ip: home }).call()).auth.login({ email: fan.email, password: fan.password }),
    );
    expect(blocked.code).toBe("TOO_MANY_REQUESTS");
    expect(domainCode(blocked)).toBe("RATE_LIMITED");
    const retryAfterMs = (blocked.cause as { details?: { retryAfterMs?: number } }).details?.retryAfterMs;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);

    services.clock.advance(61_000);
    const { user } = await (await api.client({ ip: home }).call()).auth.login({ email: fan.email, password: fan.password });
    expect(user.email).toBe("alex@example.com");
  });

  test("40 concurrent wrong passwords for one account get at most the limit of tries; the rest are RATE_LIMITED", async ({
    api,
    services,
  }) => {
    await (await api.client().call()).auth.register(fan);
    const other = startOtherInstance(services);
    try {
      // Two server instances, each with its own Redis connection, forty callers at once from one address.
      const outcomes = await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const caller = await (i % 2 ? other : api).client({ ip: "198.51.100.40" }).call();
          return domainCode(await failure(caller.auth.login({ email: fan.email, password: `wrong ${i}` })));
        }),
      );
      // testSignInLimits: 3 failures per account and address.
      expect(outcomes.filter((code) => code === "INVALID_CREDENTIALS")).toHaveLength(3);
      expect(outcomes.filter((code) => code === "RATE_LIMITED")).toHaveLength(37);
    } finally {
      await other.close();
    }
  });

  test("40 concurrent wrong passwords from one address over many accounts get at most the per-IP limit", async ({
    api,
  }) => {
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const caller = await api.client({ ip: "198.51.100.41" }).call();
        return domainCode(await failure(caller.auth.login({ email: `fan${i}@example.com`, password: "wrong" })));
      }),
    );
    // testSignInLimits: 6 failures per address.
    expect(outcomes.filter((code) => code === "INVALID_CREDENTIALS")).toHaveLength(6);
    expect(outcomes.filter((code) => code === "RATE_LIMITED")).toHaveLength(34);
  });

  test("many wrong passwords sent together with the right one last do not sign in", async ({ api }) => {
    await (await api.client().call()).auth.register(fan);
    const browser = api.client({ ip: "198.51.100.42" });
    const caller = await browser.call();
    // Started in order and left to run together, as tRPC runs the calls of one HTTP batch.
    const attempts = [
      ...Array.from({ length: 39 }, (_, i) => caller.auth.login({ email: fan.email, password: `wrong ${i}` })),
      caller.auth.login({ email: fan.email, password: fan.password }),
    ];
    const settled = await Promise.allSettled(attempts);
    expect(settled.filter((result) => result.status === "fulfilled")).toHaveLength(0);
    expect(domainCode(await failure(attempts[39]!))).toBe("RATE_LIMITED");
    expect(browser.sessionToken).toBeUndefined();
  });

  test("an attacker failing on a fan's account does not lock the fan out of their own address", async ({ api }) => {
    await (await api.client().call()).auth.register(fan);
    const attacker = "203.0.113.66";
    const codes = [];
    for (let i = 0; i < 10; i++) {
      const caller = await api.client({ ip: attacker }).call();
      codes.push(domainCode(await failure(caller.auth.login({ email: fan.email, password: `guess ${i}` }))));
    }
    expect(codes.slice(0, 3)).toEqual(["INVALID_CREDENTIALS", "INVALID_CREDENTIALS", "INVALID_CREDENTIALS"]);
    expect(new Set(codes.slice(3))).toEqual(new Set(["RATE_LIMITED"]));

    const { user } = await (await api.client({ ip: "198.51.100.8" }).call()).auth.login({
      email: fan.email,
      password: fan.password,
    });
    expect(user.email).toBe("alex@example.com");
  });

  test("the account-wide backstop still stops many addresses guessing one account", async ({ api }) => {
    await (await api.client().call()).auth.register(fan);
    // testSignInLimits: 8 failures per account from every address; each address stays under its own 3.
    for (let i = 0; i < 8; i++) {
      const caller = await api.client({ ip: `203.0.113.${100 + Math.floor(i / 2)}` }).call();
      expect(domainCode(await failure(caller.auth.login({ email: fan.email, password: `guess ${i}` })))).toBe(
        "INVALID_CREDENTIALS",
      );
    }
    const blocked = await failure(
      (await api.client({ ip: "198.51.100.9" }).call()).auth.login({ email: fan.email, password: fan.password }),
    );
    expect(domainCode(blocked)).toBe("RATE_LIMITED");
  });

  test("failed sign-ins are limited per IP across accounts; successful ones from one IP never are", async ({
    api,
  }) => {
    const boxOffice = "192.0.2.10";
    const accounts = Array.from({ length: 12 }, (_, i) => ({ ...fan, email: `fan${i}@example.com` }));
    for (const account of accounts) await (await api.client().call()).auth.register(account);

    // Twelve successful sign-ins from one address: a box office is not throttled.
    for (const account of accounts) {
      await (await api.client({ ip: boxOffice }).call()).auth.login({ email: account.email, password: fan.password });
    }
    // testSignInLimits: 6 failures per IP per minute, spread over accounts so no account limit is reached.
    for (let i = 0; i < 6; i++) {
      const caller = await api.client({ ip: boxOffice }).call();
      await failure(caller.auth.login({ email: accounts[i]!.email, password: "nope nope" }));
    }
    const blocked = await failure(
      (await api.client({ ip: boxOffice }).call()).auth.login({ email: accounts[11]!.email, password: fan.password }),
    );
    expect(domainCode(blocked)).toBe("RATE_LIMITED");
    // Another address is unaffected.
    await (await api.client({ ip: "192.0.2.11" }).call()).auth.login({ email: accounts[11]!.email, password: fan.password });
  });

  test("protected and admin procedures refuse anonymous callers and fans", async ({ api, services }) => {
    const testRouter = router({
      secret: protectedProcedure.query(({ ctx }) => ctx.user.email),
      admin: adminProcedure.query(() => "organizer"),
    });
    const callerFor = async (sessionToken?: string) =>
      createCallerFactory(testRouter)(
        await createContext(api.deps, { requestId: "t", ip: "203.0.113.5", sessionToken, cookies: { set() {}, clear() {} } }),
      );
    const anonymous = await callerFor();
    expect((await failure(anonymous.secret())).code).toBe("UNAUTHORIZED");
    expect((await failure(anonymous.admin())).code).toBe("UNAUTHORIZED");

    const browser = api.client();
    await (await browser.call()).auth.register(fan);
    const asFan = await callerFor(browser.sessionToken);
    expect(await asFan.secret()).toBe("alex@example.com");
    expect((await failure(asFan.admin())).code).toBe("FORBIDDEN");

    await services.database.sql`update users set role = 'admin'`;
    // Sessions are cached for seconds; whatever changes a role must make every instance forget the session.
    await api.deps.sessionCache.forget(sessionIdFromToken(browser.sessionToken!));
    expect(await (await callerFor(browser.sessionToken)).admin()).toBe("organizer");
  });
});
