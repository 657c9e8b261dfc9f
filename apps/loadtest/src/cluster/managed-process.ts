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
  /** Path answered with 200 once the process can serve. */
  readyPath: string;
}

/** One child process on 127.0.0.1 that we started, with its log file, readiness and a clean or hard stop. */
export class ManagedProcess {
  child: ChildProcess | undefined;
  exitCode: number | null | undefined;
  exitSignal: NodeJS.Signals | null | undefined;
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
    });
    closeSync(out);
    this.child = child;
    this.exitCode = undefined;
    this.exitSignal = undefined;
    this.exited = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exitCode = code;
        this.exitSignal = signal;
        resolve();
      });
      child.once("error", () => {
        this.exitCode ??= -1;
        resolve();
      });
    });
  }

  /** Polls the ready path until it answers 200; throws with the log's tail if the process exits or time runs out. */
  async waitReady(timeoutMs: number, signal?: AbortSignal): Promise<number> {
    const started = performance.now();
    while (performance.now() - started < timeoutMs && !signal?.aborted) {
      if (!this.running)
        throw new Error(
          `${this.label} exited (${this.exitCode ?? this.exitSignal}) while starting:\n${this.logTail()}`,
        );
      try {
        const response = await fetch(`${this.url}${this.spec.readyPath}`, {
          signal: AbortSignal.timeout(1_000),
        });
        if (response.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      await sleep(100, signal);
    }
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

  /** SIGTERM (the server drains), then SIGKILL after `graceMs`. */
  async stop(graceMs = 8_000): Promise<void> {
    if (!this.running) return;
    this.child?.kill("SIGTERM");
    const timer = setTimeout(() => this.child?.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Last-resort synchronous kill, for process exit. */
  killNow(): void {
    if (this.running) this.child?.kill("SIGKILL");
  }

  logTail(lines = 15): string {
    try {
      return readFileSync(this.spec.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }
}
