import { hashPassword } from "@frontrow/core";
import type postgres from "postgres";
import { FanClient, type FanAccount } from "../client/fan-client";
import { runPool } from "../util/run-pool";

export const LOAD_FAN_PASSWORD = "frontrow-load-test";

export interface SignedInFans {
  fans: FanClient[];
  createMs: number;
  signInMs: number;
}

/**
 * Inserts `count` fan accounts with one precomputed argon2 hash (hashing per fan would take minutes), then signs
 * every fan in for real through `auth.login` with bounded concurrency, spread round-robin over the instances.
 */
export async function createFans(
  sql: postgres.Sql,
  count: number,
  instanceUrls: readonly string[],
  onProgress?: (done: number) => void,
): Promise<SignedInFans> {
  const started = performance.now();
  const passwordHash = await hashPassword(LOAD_FAN_PASSWORD);
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `loadfan${i + 1}@frontrow.test`,
    name: `Load Fan ${i + 1}`,
    password_hash: passwordHash,
  }));
  const accounts: FanAccount[] = [];
  for (let i = 0; i < rows.length; i += 1_000) {
    const inserted = await sql<Array<{ id: string; email: string }>>`
      insert into users ${sql(rows.slice(i, i + 1_000))}
      on conflict (email) do update set password_hash = excluded.password_hash
      returning id, email`;
    for (const row of inserted)
      accounts.push({ email: row.email, password: LOAD_FAN_PASSWORD, userId: row.id });
  }
  accounts.sort((a, b) => Number(a.email.match(/\d+/)?.[0]) - Number(b.email.match(/\d+/)?.[0]));
  const createMs = performance.now() - started;

  const signInStarted = performance.now();
  let done = 0;
  // argon2 verification dominates: a few in flight per instance keeps every core busy without queueing.
  const fans = await runPool(accounts, Math.max(4, instanceUrls.length * 4), async (account, index) => {
    const fan = new FanClient(account, instanceUrls, index);
    await fan.login();
    onProgress?.(++done);
    return fan;
  });
  return { fans, createMs, signInMs: performance.now() - signInStarted };
}
