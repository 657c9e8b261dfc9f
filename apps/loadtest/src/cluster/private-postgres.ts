import { spawn } from "node:child_process";
import { chownSync, mkdirSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { PostgresBinaries } from "./find-server-binaries";
import { freePort } from "./free-port";
import { ManagedProcess } from "./managed-process";

function postgresReady(url: string): () => Promise<boolean> {
  return async () => {
    const sql = postgres(url, { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      await sql`select 1`;
      return true;
    } catch {
      return false;
    } finally {
      await sql.end({ timeout: 0 });
    }
  };
}

function runToCompletion(
  command: string,
  args: string[],
  options: Parameters<typeof spawn>[2],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(command)} exited with ${code}:\n${output.trim().slice(-2_000)}`)),
    );
  });
}

/**
 * A throwaway Postgres cluster of our own (initdb into `dir`, trust auth, fsync off, listening on 127.0.0.1 only),
 * so the fault drills can restart it without touching the shared server. The postmaster runs in the foreground
 * as our child (not through pg_ctl), so it is sampled like the other processes and stopped by its own pid.
 */
export class PrivatePostgres {
  private constructor(
    readonly process: ManagedProcess,
    readonly port: number,
  ) {}

  /** Runs initdb (a second or two) and prepares the process; `start` starts it. */
  static async create(options: {
    binaries: PostgresBinaries;
    dir: string;
    logFile: string;
    label: string;
  }): Promise<PrivatePostgres> {
    const { binaries, dir } = options;
    const user = binaries.runAs ? { uid: binaries.runAs.uid, gid: binaries.runAs.gid } : undefined;
    mkdirSync(dir, { recursive: true });
    if (user) chownSync(dir, user.uid, user.gid);
    const dataDir = path.join(dir, "data");
    const env = { PATH: process.env.PATH, LANG: "C", LC_ALL: "C" };
    await runToCompletion(
      path.join(binaries.binDir, "initdb"),
      ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"],
      { cwd: dir, env, uid: user?.uid, gid: user?.gid },
    );
    const port = await freePort();
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const server = new ManagedProcess({
      label: options.label,
      command: path.join(binaries.binDir, "postgres"),
      args: [
        "-D",
        dataDir,
        "-p",
        String(port),
        "-k",
        dir,
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        "fsync=off",
        "-c",
        "max_connections=300",
      ],
      env,
      cwd: dir,
      port,
      logFile: options.logFile,
      isReady: postgresReady(url),
      user,
      detached: true,
      stopSignal: "SIGINT",
      killSignal: "SIGQUIT",
      withChildren: true,
    });
    return new PrivatePostgres(server, port);
  }

  /** The server's maintenance database, as `--postgres` would name it. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the postmaster and waits until it accepts queries; returns the time that took (ms). */
  async start(signal?: AbortSignal): Promise<number> {
    this.process.start();
    return this.process.waitReady(30_000, signal);
  }

  /** Fast shutdown (as `pg_ctl stop -m fast`: open transactions are rolled back, clients disconnected). */
  async stop(): Promise<number> {
    const started = performance.now();
    await this.process.stop(10_000);
    return performance.now() - started;
  }
}
