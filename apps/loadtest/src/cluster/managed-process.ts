import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { sleep } from "../util/sleep";

export interface ProcessSpec {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  port: number;
  /** Where stdout and stderr go. */
  logFile: string;
  /** True once the process can serve (e.g. `httpReady(port, "/readyz")`). */
  isReady(): Promise<boolean>;
  /** Run as this OS user (Postgres refuses to run as root). */
  user?: { uid: number; gid: number };
  /**
   * In its own process group, so a Ctrl-C in the terminal does not reach it and the load test stops it in order
   * (the private Postgres and Redis of the fault drills outlive their clients).
   */
  detached?: boolean;
  /** Asks it to stop cleanly; SIGTERM unless set (Postgres: SIGINT, its fast shutdown). */
  stopSignal?: NodeJS.Signals;
  /** Stops it at once on exit; SIGKILL unless set (Postgres: SIGQUIT, which also ends its backends). */
  killSignal?: NodeJS.Signals;
  /** Serves Frontrow's /metrics: sampled for its event-loop delay. */
  servesMetrics?: boolean;
  /** Sample its child processes' CPU with it (a Postgres postmaster's backends). */
  withChildren?: boolean;
  /** Node's inspector port (`--inspect-port`), opened on demand to force a garbage collection before a reading. */
  inspectPort?: number;
}

/** One child process on 127.0.0.1 that we started, with its log file, readiness and a clean or hard stop. */
export class ManagedProcess {
  child: ChildProcess | undefined;
  exitCode: number | null | undefined;
  exitSignal: NodeJS.Signals | null | undefined;
  /** performance.now() when it last exited. */
  exitedAt: number | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(readonly spec: ProcessSpec) {}

  get label(): string {
    return this.spec.label;
  }
  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }
  get running(): boolean {
    return this.child !== undefined && this.exitCode === undefined;
  }

  start(): void {
    const out = openSync(this.spec.logFile, "a");
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ["ignore", out, out],
      uid: this.spec.user?.uid,
      gid: this.spec.user?.gid,
      detached: this.spec.detached ?? false,
    });
    closeSync(out);
    this.child = child;
    this.exitCode = undefined;
    this.exitSignal = undefined;
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        this.exitedAt = performance.now();
        resolve();
      });
      child.once("error", () => {
        this.exitCode ??= -1;
        resolve();
      });
    });
  }

  /** Polls `isReady` until it says yes; throws with the log's tail if the process exits or time runs out. */
  async waitReady(timeoutMs: number, signal?: AbortSignal): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs && !signal?.aborted) {
      if (!this.running)
        throw new Error(
          `${this.label} exited (${this.exitCode ?? this.exitSignal}) while starting:\n${this.logTail()}`,
        );
      if (await this.spec.isReady().catch(() => false)) return performance.now() - started;
      await sleep(100, signal);
    }
    if (signal?.aborted) throw new Error(`${this.label}: stopped waiting for it to be ready (interrupted)`);
    throw new Error(
      `${this.label} was not ready after ${Math.round(timeoutMs / 1000)} s:\n${this.logTail()}`,
    );
  }

  /** kill -9: no shutdown hooks, like a crashed machine. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child?.kill("SIGKILL");
    await this.exited;
  }

  /** The stop signal (a server drains), then the kill signal after `graceMs`; resolves once it has exited. */
  async stop(graceMs = 8_000): Promise<void> {
    if (!this.running) return;
    this.child?.kill(this.spec.stopSignal ?? "SIGTERM");
    const timer = setTimeout(() => this.child?.kill(this.spec.killSignal ?? "SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Last-resort synchronous kill, for process exit. */
  killNow(): void {
    if (this.running) this.child?.kill(this.spec.killSignal ?? "SIGKILL");
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.spec.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }
}
