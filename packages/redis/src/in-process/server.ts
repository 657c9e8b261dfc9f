import { createServer, type AddressInfo, type Socket } from "node:net";
import RedisParser from "redis-parser";
import { Keyspace, minimumArguments } from "./keyspace";
import { encodeReply, ErrorReply, OK, StatusReply, wrongArity, type Reply } from "./replies";
import { ScriptRunner } from "./scripts";

export interface InProcessRedis {
  /** redis://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/** Commands a script may not call (Redis refuses them inside scripts too). */
const NOT_IN_SCRIPTS = new Set([
  "EVAL",
  "EVALSHA",
  "EVAL_RO",
  "EVALSHA_RO",
  "SCRIPT",
  "MULTI",
  "EXEC",
  "SUBSCRIBE",
  "SSUBSCRIBE",
]);
const SUBSCRIBER_COMMANDS = new Set([
  "SUBSCRIBE",
  "UNSUBSCRIBE",
  "SSUBSCRIBE",
  "SUNSUBSCRIBE",
  "PING",
  "QUIT",
  "RESET",
]);

/**
 * Plain and sharded (SSUBSCRIBE/SPUBLISH) pub/sub are apart in Redis: a sharded channel is kept under this prefix in
 * the same maps. One server is one shard, so every sharded channel lives here.
 */
const SHARDED = "\u0000s:";
type PubSub = "" | "s";
const channelKey = (kind: PubSub, channel: string) => (kind === "s" ? `${SHARDED}${channel}` : channel);
const kindOf = (key: string): PubSub => (key.startsWith(SHARDED) ? "s" : "");
const channelOf = (key: string) => (key.startsWith(SHARDED) ? key.slice(SHARDED.length) : key);

interface Connection {
  id: number;
  name: string | null;
  socket: Socket;
  channels: Set<string>;
  transaction: string[][] | undefined;
  transactionFailed: boolean;
}

/**
 * A Redis server inside this Node process, on a loopback port, for running Frontrow with no Redis installed.
 * It speaks RESP2 to ioredis, keeps one database in memory (nothing persists: Postgres is the source of truth and
 * the hold inventory is rebuilt from it), implements the commands Frontrow sends, pub/sub and MULTI/EXEC, and runs
 * the same Lua files through EVAL/EVALSHA. Everything runs on the event loop, one command or script at a time,
 * so scripts and transactions are atomic as in Redis.
 */
export class InProcessRedisServer {
  private readonly keyspace = new Keyspace();
  private readonly subscribers = new Map<string, Set<Connection>>();
  private scripts!: ScriptRunner;
  private nextConnectionId = 1;
  /** Connections that sent MONITOR: every command is written to them as Redis does. */
  private readonly monitors = new Set<Connection>();

  private constructor() {}

  static async start(options: { host?: string; port?: number } = {}): Promise<InProcessRedis> {
    const server = new InProcessRedisServer();
    server.scripts = await ScriptRunner.create((args) => {
      server.monitor(args, "lua");
      return server.execute(args, true);
    });
    return server.listen(options.host ?? "127.0.0.1", options.port ?? 0);
  }

  private listen(host: string, port: number): Promise<InProcessRedis> {
    const sockets = new Set<Socket>();
    const tcp = createServer((socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      this.accept(socket);
    });
    const sweeper = setInterval(() => this.keyspace.sweepExpired(), 1000);
    sweeper.unref();
    return new Promise((resolve, reject) => {
      tcp.once("error", reject);
      tcp.listen(port, host, () => {
        const address = tcp.address() as AddressInfo;
        resolve({
          url: `redis://${host}:${address.port}`,
          close: async () => {
            clearInterval(sweeper);
            for (const socket of sockets) socket.destroy();
            await new Promise<void>((done) => tcp.close(() => done()));
            this.scripts.close();
          },
        });
      });
    });
  }

  private accept(socket: Socket): void {
    socket.setNoDelay(true);
    const connection: Connection = {
      id: this.nextConnectionId++,
      name: null,
      socket,
      channels: new Set(),
      transaction: undefined,
      transactionFailed: false,
    };
    let output: string[] = [];
    const parser = new RedisParser({
      returnReply: (request) => {
        const args = Array.isArray(request) ? request.map(String) : [String(request)];
        output.push(this.encode(this.handle(connection, args)));
      },
      returnError: (error) => {
        output.push(encodeReply(new ErrorReply(`ERR Protocol error: ${error.message}`)));
        socket.end();
      },
    });
    let firstChunk = true;
    socket.on("data", (data) => {
      // redis-cli and `nc` may send inline commands ("PING\r\n") instead of RESP arrays.
      if (firstChunk && data[0] !== 0x2a) {
        for (const line of data.toString("utf8").split(/\r?\n/)) {
          const args = line.trim().split(/\s+/).filter(Boolean);
          if (args.length > 0) output.push(this.encode(this.handle(connection, args)));
        }
      } else parser.execute(data);
      firstChunk = false;
      // One write per chunk read: a pipeline of many commands leaves as one reply.
      if (output.length > 0) {
        socket.write(output.join(""));
        output = [];
      }
    });
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.monitors.delete(connection);
      for (const key of [...connection.channels])
        this.unsubscribe(connection, [channelOf(key)], false, kindOf(key));
    });
  }

  private encode(reply: Reply | SeveralReplies): string {
    return reply instanceof SeveralReplies ? reply.replies.map(encodeReply).join("") : encodeReply(reply);
  }

  private monitor(args: string[], source: string): void {
    if (this.monitors.size === 0) return;
    const now = Date.now();
    const quoted = args.map((arg) => JSON.stringify(arg)).join(" ");
    const line = encodeReply(new StatusReply(`${(now / 1000).toFixed(6)} [0 ${source}] ${quoted}`));
    for (const monitor of this.monitors) monitor.socket.write(line);
  }

  private handle(connection: Connection, args: string[]): Reply | SeveralReplies {
    const name = args[0]!.toUpperCase();
    const rest = args.slice(1);
    this.monitor(
      args,
      connection.socket.remoteAddress
        ? `${connection.socket.remoteAddress}:${connection.socket.remotePort}`
        : "?",
    );
    try {
      if (connection.channels.size > 0 && !SUBSCRIBER_COMMANDS.has(name)) {
        throw new ErrorReply(
          `ERR Can't execute '${name.toLowerCase()}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
        );
      }
      if (connection.transaction && !["EXEC", "DISCARD", "MULTI"].includes(name)) {
        if (!this.isKnown(name)) {
          connection.transactionFailed = true;
          throw new ErrorReply(`ERR unknown command '${args[0]}'`);
        }
        connection.transaction.push(args);
        return new StatusReply("QUEUED");
      }
      switch (name) {
        case "MULTI":
          if (connection.transaction) throw new ErrorReply("ERR MULTI calls can not be nested");
          connection.transaction = [];
          connection.transactionFailed = false;
          return OK;
        case "EXEC": {
          const queued = connection.transaction;
          if (!queued) throw new ErrorReply("ERR EXEC without MULTI");
          connection.transaction = undefined;
          if (connection.transactionFailed) {
            throw new ErrorReply("EXECABORT Transaction discarded because of previous errors.");
          }
          return queued.map((command) => this.replyOrError(() => this.execute(command, false)));
        }
        case "DISCARD":
          if (!connection.transaction) throw new ErrorReply("ERR DISCARD without MULTI");
          connection.transaction = undefined;
          return OK;
        case "SUBSCRIBE":
        case "SSUBSCRIBE": {
          const kind: PubSub = name === "SSUBSCRIBE" ? "s" : "";
          return this.subscribe(connection, rest, kind);
        }
        case "UNSUBSCRIBE":
        case "SUNSUBSCRIBE": {
          const kind: PubSub = name === "SUNSUBSCRIBE" ? "s" : "";
          const all = [...connection.channels].filter((key) => kindOf(key) === kind).map(channelOf);
          return this.unsubscribe(connection, rest.length > 0 ? rest : all, true, kind);
        }
        case "PING":
          if (connection.channels.size > 0) return ["pong", rest[0] ?? ""];
          return rest.length > 0 ? rest[0]! : new StatusReply("PONG");
        case "QUIT":
          connection.socket.end(encodeReply(OK));
          return new SeveralReplies([]);
        case "SELECT":
          if (rest[0] !== "0")
            throw new ErrorReply("ERR DB index is out of range (this in-process Redis has one)");
          return OK;
        case "CLIENT":
          return this.client(connection, rest);
        case "MONITOR":
          this.monitors.add(connection);
          return OK;
        default:
          return this.execute(args, false);
      }
    } catch (error) {
      return this.asError(error);
    }
  }

  private isKnown(name: string): boolean {
    return name in this.keyspace.commands || SERVER_COMMANDS.has(name);
  }

  private replyOrError(run: () => Reply): Reply {
    try {
      return run();
    } catch (error) {
      return this.asError(error);
    }
  }

  private asError(error: unknown): ErrorReply {
    return error instanceof ErrorReply ? error : new ErrorReply(`ERR ${(error as Error).message}`);
  }

  /** A command that does not depend on the connection: data, PUBLISH, scripts, server information. */
  private execute(args: string[], fromScript: boolean): Reply {
    const name = args[0]!.toUpperCase();
    const rest = args.slice(1);
    if (fromScript && NOT_IN_SCRIPTS.has(name))
      throw new ErrorReply(`ERR This Redis command is not allowed from script`);
    const data = this.keyspace.commands[name];
    if (data) {
      if (rest.length < (minimumArguments[name] ?? 0)) throw wrongArity(name);
      return data(rest);
    }
    switch (name) {
      case "PUBLISH":
      case "SPUBLISH":
        if (rest.length !== 2) throw wrongArity(name);
        return this.publish(rest[0]!, rest[1]!, name === "SPUBLISH" ? "s" : "");
      case "EVAL":
      case "EVAL_RO":
        return this.evaluate(this.scripts.load(rest[0] ?? ""), rest.slice(1));
      case "EVALSHA":
      case "EVALSHA_RO":
        return this.evaluate(rest[0] ?? "", rest.slice(1));
      case "SCRIPT":
        return this.script(rest);
      case "PING":
        return rest.length > 0 ? rest[0]! : new StatusReply("PONG");
      case "ECHO":
        return rest[0] ?? null;
      case "TIME": {
        const now = Date.now();
        return [String(Math.floor(now / 1000)), String((now % 1000) * 1000)];
      }
      case "INFO":
        return this.info();
      case "FLUSHALL":
        return this.keyspace.commands.FLUSHDB!([]);
      case "CONFIG":
        return [];
      default:
        throw new ErrorReply(
          `ERR unknown command '${args[0]}', with args beginning with: ${rest.slice(0, 3).join(" ")}`,
        );
    }
  }

  private evaluate(sha: string, rest: string[]): Reply {
    const count = Number(rest[0]);
    if (!Number.isInteger(count) || count < 0 || count > rest.length - 1) {
      throw new ErrorReply("ERR Number of keys can't be greater than number of args");
    }
    return this.scripts.run(sha, rest.slice(1, 1 + count), rest.slice(1 + count));
  }

  private script(rest: string[]): Reply {
    const sub = (rest[0] ?? "").toUpperCase();
    if (sub === "LOAD") return this.scripts.load(rest[1] ?? "");
    if (sub === "EXISTS") return rest.slice(1).map((sha) => (this.scripts.has(sha) ? 1 : 0));
    if (sub === "FLUSH") {
      this.scripts.flush();
      return OK;
    }
    throw new ErrorReply(`ERR unknown subcommand '${rest[0]}'`);
  }

  private info(): string {
    return [
      "# Server",
      "redis_version:7.2.0",
      "redis_mode:standalone",
      "frontrow_in_process:1",
      "# Persistence",
      "loading:0",
      "# Keyspace",
      `db0:keys=${this.keyspace.size},expires=0,avg_ttl=0`,
      "",
    ].join("\r\n");
  }

  private client(connection: Connection, rest: string[]): Reply {
    const sub = (rest[0] ?? "").toUpperCase();
    if (sub === "SETNAME") {
      connection.name = rest[1] ?? null;
      return OK;
    }
    if (sub === "GETNAME") return connection.name;
    if (sub === "ID") return connection.id;
    if (sub === "KILL") throw new ErrorReply("ERR CLIENT KILL is not supported by the in-process Redis");
    return OK;
  }

  private subscribe(connection: Connection, channels: string[], kind: PubSub): SeveralReplies {
    if (channels.length === 0) throw wrongArity(`${kind}subscribe`);
    const replies: Reply[] = [];
    for (const channel of channels) {
      const key = channelKey(kind, channel);
      connection.channels.add(key);
      let listeners = this.subscribers.get(key);
      if (!listeners) this.subscribers.set(key, (listeners = new Set()));
      listeners.add(connection);
      replies.push([`${kind}subscribe`, channel, this.countOf(connection, kind)]);
    }
    return new SeveralReplies(replies);
  }

  private unsubscribe(
    connection: Connection,
    channels: string[],
    reply: boolean,
    kind: PubSub,
  ): SeveralReplies | null {
    const replies: Reply[] = [];
    for (const channel of channels) {
      const key = channelKey(kind, channel);
      connection.channels.delete(key);
      const listeners = this.subscribers.get(key);
      listeners?.delete(connection);
      if (listeners?.size === 0) this.subscribers.delete(key);
      replies.push([`${kind}unsubscribe`, channel, this.countOf(connection, kind)]);
    }
    if (!reply) return null;
    return new SeveralReplies(replies.length > 0 ? replies : [[`${kind}unsubscribe`, null, 0]]);
  }

  /** The connection's subscriptions of one kind (Redis counts plain and sharded ones apart). */
  private countOf(connection: Connection, kind: PubSub): number {
    let count = 0;
    for (const key of connection.channels) if (kindOf(key) === kind) count++;
    return count;
  }

  private publish(channel: string, message: string, kind: PubSub): number {
    const listeners = this.subscribers.get(channelKey(kind, channel));
    if (!listeners) return 0;
    const frame = encodeReply([kind === "s" ? "smessage" : "message", channel, message]);
    for (const listener of listeners) listener.socket.write(frame);
    return listeners.size;
  }
}

const SERVER_COMMANDS = new Set([
  "PUBLISH",
  "SPUBLISH",
  "EVAL",
  "EVALSHA",
  "EVAL_RO",
  "EVALSHA_RO",
  "SCRIPT",
  "PING",
  "ECHO",
  "TIME",
  "INFO",
  "FLUSHALL",
  "CONFIG",
]);

/** SUBSCRIBE and UNSUBSCRIBE answer with one reply per channel, not one array. */
class SeveralReplies {
  constructor(readonly replies: Reply[]) {}
}
