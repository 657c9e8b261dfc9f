import { mkdirSync } from "node:fs";
import net from "node:net";
import { freePort } from "./free-port";
import { ManagedProcess } from "./managed-process";

function answersPing(port: number): () => Promise<boolean> {
  return () =>
    new Promise((resolve) => {
      const socket = net.connect({ host: "127.0.0.1", port });
      const done = (ok: boolean) => {
        socket.destroy();
        resolve(ok);
      };
      socket.setTimeout(1_000, () => done(false));
      socket.once("error", () => done(false));
      socket.once("connect", () => socket.write("PING\r\n"));
      socket.once("data", (data) => done(data.toString().startsWith("+PONG")));
    });
}

/**
 * A redis-server of our own on a free port of 127.0.0.1, without persistence (`--save "" --appendonly no`), so a
 * restart starts empty: every key is lost, as on a Redis that restarts without a snapshot.
 */
export class PrivateRedis {
  private constructor(
    readonly process: ManagedProcess,
    readonly port: number,
  ) {}

  static async create(options: {
    redisServer: string;
    dir: string;
    logFile: string;
    label: string;
  }): Promise<PrivateRedis> {
    mkdirSync(options.dir, { recursive: true });
    const port = await freePort();
    const server = new ManagedProcess({
      label: options.label,
      command: options.redisServer,
      args: [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        options.dir,
      ],
      env: { PATH: process.env.PATH },
      cwd: options.dir,
      port,
      logFile: options.logFile,
      isReady: answersPing(port),
      detached: true,
    });
    return new PrivateRedis(server, port);
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts redis-server and waits until it answers PING; returns the time that took (ms). */
  async start(signal?: AbortSignal): Promise<number> {
    this.process.start();
    return this.process.waitReady(15_000, signal);
  }

  /** kill -9: nothing is saved, so the next start is empty. */
  async kill(): Promise<void> {
    await this.process.kill();
  }

  async stop(): Promise<void> {
    await this.process.stop(5_000);
  }
}
