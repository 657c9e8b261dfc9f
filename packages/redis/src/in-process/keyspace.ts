import {
  ErrorReply,
  formatDouble,
  notAnInteger,
  OK,
  parseDouble,
  parseInteger,
  StatusReply,
  syntaxError,
  wrongType,
  type Reply,
} from "./replies";
import { SortedSet, type ScoreBound, type ScoredMember } from "./sorted-set";

type StreamId = [ms: number, seq: number];
interface StreamEntry {
  id: StreamId;
  fields: string[];
}
interface Stream {
  entries: StreamEntry[];
  lastId: StreamId;
}

interface DataByType {
  string: string;
  hash: Map<string, string>;
  zset: SortedSet;
  list: string[];
  set: Set<string>;
  stream: Stream;
}
type TypeName = keyof DataByType;
type DataOf<T extends TypeName> = DataByType[T];
interface Value {
  type: TypeName;
  data: DataByType[TypeName];
}

/** Fewest arguments (after the name) each command takes; fewer is Redis's "wrong number of arguments". */
export const minimumArguments: Record<string, number> = {
  DEL: 1,
  UNLINK: 1,
  EXISTS: 1,
  TYPE: 1,
  EXPIRE: 2,
  PEXPIRE: 2,
  PEXPIREAT: 2,
  PERSIST: 1,
  TTL: 1,
  PTTL: 1,
  KEYS: 1,
  DUMP: 1,
  SCAN: 1,
  GET: 1,
  MGET: 1,
  SET: 2,
  SETNX: 2,
  GETDEL: 1,
  INCR: 1,
  DECR: 1,
  INCRBY: 2,
  DECRBY: 2,
  HSET: 3,
  HMSET: 3,
  HSETNX: 3,
  HGET: 2,
  HMGET: 2,
  HGETALL: 1,
  HKEYS: 1,
  HVALS: 1,
  HLEN: 1,
  HEXISTS: 2,
  HDEL: 2,
  HINCRBY: 3,
  ZADD: 3,
  ZINCRBY: 3,
  ZREM: 2,
  ZSCORE: 2,
  ZMSCORE: 2,
  ZCARD: 1,
  ZCOUNT: 3,
  ZRANK: 2,
  ZREVRANK: 2,
  ZRANGE: 3,
  ZREVRANGE: 3,
  ZRANGEBYSCORE: 3,
  ZREVRANGEBYSCORE: 3,
  ZREMRANGEBYSCORE: 3,
  ZREMRANGEBYRANK: 3,
  ZPOPMIN: 1,
  RPUSH: 2,
  LPUSH: 2,
  LLEN: 1,
  LRANGE: 3,
  LTRIM: 3,
  LPOP: 1,
  RPOP: 1,
  SADD: 2,
  SREM: 2,
  SMEMBERS: 1,
  SCARD: 1,
  SISMEMBER: 2,
  XADD: 4,
  XRANGE: 3,
  XREVRANGE: 3,
  XTRIM: 3,
  XLEN: 1,
};

/** A command over the keyspace: arguments after the name; returns its reply or throws an ErrorReply. */
export type DataCommand = (args: string[]) => Reply;

const idText = ([ms, seq]: StreamId) => `${ms}-${seq}`;
const compareIds = (a: StreamId, b: StreamId) => (a[0] === b[0] ? a[1] - b[1] : a[0] - b[0]);

/** Redis's glob patterns (* ? [abc] [^a] [a-z] and \ escapes) as a regular expression. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "\\" && i + 1 < pattern.length) source += `\\${pattern[++i]}`;
    else if (char === "[") {
      const end = pattern.indexOf("]", i + 1);
      if (end === -1) source += "\\[";
      else {
        const body = pattern.slice(i + 1, end).replace(/\\/g, "\\\\");
        source += `[${body.startsWith("^") ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else source += char.replace(/[.+^${}()|\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

function scoreBound(text: string): ScoreBound {
  const exclusive = text.startsWith("(");
  return { value: parseDouble(exclusive ? text.slice(1) : text), exclusive };
}

function withScores(entries: ScoredMember[], scores: boolean): string[] {
  return scores
    ? entries.flatMap((entry) => [entry.member, formatDouble(entry.score)])
    : entries.map((e) => e.member);
}

/** Start/stop indices (negative from the end) clamped to a length, as LRANGE and ZRANGE read them. */
function indexRange(length: number, startText: string, stopText: string): [number, number] {
  let start = parseInteger(startText);
  let stop = parseInteger(stopText);
  if (start < 0) start = Math.max(0, length + start);
  if (stop < 0) stop = length + stop;
  return [start, Math.min(stop, length - 1)];
}

/**
 * The data of one Redis database and the commands Frontrow sends it, with Redis's semantics: keys vanish when
 * their hash, set, list or sorted set empties; expiry is lazy on access plus a periodic sweep.
 */
export class Keyspace {
  private readonly values = new Map<string, Value>();
  private readonly expiries = new Map<string, number>();
  readonly commands: Record<string, DataCommand>;

  constructor(private readonly now: () => number = Date.now) {
    this.commands = this.buildCommands();
  }

  get size(): number {
    this.sweepExpired();
    return this.values.size;
  }

  sweepExpired(): void {
    const now = this.now();
    for (const [key, at] of this.expiries) if (at <= now) this.remove(key);
  }

  private remove(key: string): boolean {
    this.expiries.delete(key);
    return this.values.delete(key);
  }

  private lookup(key: string): Value | undefined {
    const at = this.expiries.get(key);
    if (at !== undefined && at <= this.now()) this.remove(key);
    return this.values.get(key);
  }

  private read<T extends TypeName>(key: string, type: T): DataOf<T> | undefined {
    const value = this.lookup(key);
    if (!value) return undefined;
    if (value.type !== type) throw wrongType();
    return value.data as DataOf<T>;
  }

  private write<T extends TypeName>(key: string, type: T, create: () => DataOf<T>): DataOf<T> {
    const existing = this.read(key, type);
    if (existing) return existing;
    const data = create();
    this.values.set(key, { type, data });
    return data;
  }

  /** HDEL, ZREM, SREM: removes what is there of `members`, answering how many were. */
  private removeMembers(key: string, type: "hash" | "zset" | "set", members: string[]): number {
    const data = this.read(key, type);
    if (!data) return 0;
    const removed = members.filter((member) => data.delete(member)).length;
    this.dropIfEmpty(key, data.size);
    return removed;
  }

  /** Deletes the key when its container is empty (Redis never keeps empty ones). */
  private dropIfEmpty(key: string, size: number): void {
    if (size === 0) this.remove(key);
  }

  private setString(key: string, data: string, keepTtl = false): void {
    if (!keepTtl) this.expiries.delete(key);
    this.values.set(key, { type: "string", data });
  }

  private incrementBy(key: string, by: number): number {
    const current = this.read(key, "string");
    const next = (current === undefined ? 0 : parseInteger(current)) + by;
    if (!Number.isSafeInteger(next)) throw notAnInteger();
    this.setString(key, String(next), true);
    return next;
  }

  private expireAt(key: string, at: number): number {
    if (!this.lookup(key)) return 0;
    if (at <= this.now()) this.remove(key);
    else this.expiries.set(key, at);
    return 1;
  }

  private ttl(key: string, unitMs: number): number {
    if (!this.lookup(key)) return -2;
    const at = this.expiries.get(key);
    return at === undefined ? -1 : Math.round((at - this.now()) / unitMs);
  }

  private keysMatching(pattern: string): string[] {
    const regExp = globToRegExp(pattern);
    this.sweepExpired();
    return [...this.values.keys()].filter((key) => regExp.test(key));
  }

  private zsetRange(args: string[], reverseCommand: boolean, byScoreCommand: boolean): string[] {
    const [key, minText, maxText, ...options] = args;
    let byScore = byScoreCommand;
    let reverse = reverseCommand;
    let scores = false;
    let limit: [number, number] | undefined;
    for (let i = 0; i < options.length; i++) {
      const option = options[i]!.toUpperCase();
      if (option === "WITHSCORES") scores = true;
      else if (option === "BYSCORE") byScore = true;
      else if (option === "REV") reverse = true;
      else if (option === "LIMIT" && i + 2 < options.length) {
        limit = [parseInteger(options[i + 1]!), parseInteger(options[i + 2]!)];
        i += 2;
      } else throw syntaxError();
    }
    const set = this.read(key!, "zset");
    if (!set) return [];
    let entries: ScoredMember[];
    if (byScore) {
      // ZRANGE … BYSCORE REV and ZREVRANGEBYSCORE take max first.
      const [low, high] = reverse && !byScoreCommand ? [maxText!, minText!] : [minText!, maxText!];
      const [lowText, highText] = reverseCommand ? [high, low] : [low, high];
      entries = set.byScore(scoreBound(lowText), scoreBound(highText));
      if (reverse) entries.reverse();
      if (limit) entries = entries.slice(limit[0], limit[1] < 0 ? undefined : limit[0] + limit[1]);
    } else {
      const ordered = reverse ? [...set.ordered].reverse() : set.ordered;
      const [start, stop] = indexRange(ordered.length, minText!, maxText!);
      entries = start > stop ? [] : ordered.slice(start, stop + 1);
    }
    return withScores(entries, scores);
  }

  private streamId(text: string, fallbackSeq: number): StreamId {
    if (text === "-") return [0, 0];
    if (text === "+") return [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    const match = /^(\d+)(?:-(\d+))?$/.exec(text);
    if (!match) throw new ErrorReply("ERR Invalid stream ID specified as stream command argument");
    return [Number(match[1]), match[2] === undefined ? fallbackSeq : Number(match[2])];
  }

  private streamRange(args: string[], reverse: boolean): Reply[] {
    const [key, firstText, secondText, ...options] = args;
    let count = Infinity;
    if (options.length === 2 && options[0]!.toUpperCase() === "COUNT") count = parseInteger(options[1]!);
    else if (options.length > 0) throw syntaxError();
    const [startText, endText] = reverse ? [secondText!, firstText!] : [firstText!, secondText!];
    const exclusiveStart = startText.startsWith("(");
    const exclusiveEnd = endText.startsWith("(");
    const start = this.streamId(exclusiveStart ? startText.slice(1) : startText, 0);
    const end = this.streamId(exclusiveEnd ? endText.slice(1) : endText, Number.MAX_SAFE_INTEGER);
    const stream = this.read(key!, "stream");
    if (!stream) return [];
    const inRange = stream.entries.filter((entry) => {
      const fromStart = compareIds(entry.id, start);
      const toEnd = compareIds(entry.id, end);
      return (exclusiveStart ? fromStart > 0 : fromStart >= 0) && (exclusiveEnd ? toEnd < 0 : toEnd <= 0);
    });
    if (reverse) inRange.reverse();
    return inRange.slice(0, count).map((entry) => [idText(entry.id), entry.fields]);
  }

  private streamAdd(args: string[]): Reply {
    const [key, ...rest] = args;
    let maxLen: number | undefined;
    let i = 0;
    for (; i < rest.length; i++) {
      const option = rest[i]!.toUpperCase();
      if (option === "NOMKSTREAM") continue;
      if (option !== "MAXLEN") break;
      const next = rest[i + 1];
      const skip = next === "~" || next === "=" ? 1 : 0;
      maxLen = parseInteger(rest[i + 1 + skip]!);
      i += 1 + skip;
    }
    const idArg = rest[i]!;
    const fields = rest.slice(i + 1);
    if (fields.length === 0 || fields.length % 2 !== 0)
      throw new ErrorReply("ERR wrong number of arguments for 'xadd' command");
    const stream = this.write(key!, "stream", () => ({ entries: [], lastId: [0, 0] as StreamId }));
    let id: StreamId;
    if (idArg === "*") {
      const ms = Math.max(this.now(), stream.lastId[0]);
      id = [ms, ms === stream.lastId[0] ? stream.lastId[1] + 1 : 0];
    } else {
      id = this.streamId(idArg, 0);
      if (compareIds(id, stream.lastId) <= 0) {
        throw new ErrorReply(
          "ERR The ID specified in XADD is equal or smaller than the target stream top item",
        );
      }
    }
    stream.entries.push({ id, fields });
    stream.lastId = id;
    if (maxLen !== undefined && stream.entries.length > maxLen) {
      stream.entries.splice(0, stream.entries.length - maxLen);
    }
    return idText(id);
  }

  private buildCommands(): Record<string, DataCommand> {
    const hash = (key: string) => this.write(key, "hash", () => new Map());
    const zset = (key: string) => this.write(key, "zset", () => new SortedSet());
    const list = (key: string) => this.write(key, "list", () => []);
    return {
      // keys
      DEL: (keys) => keys.filter((key) => this.lookup(key) && this.remove(key)).length,
      UNLINK: (keys) => keys.filter((key) => this.lookup(key) && this.remove(key)).length,
      EXISTS: (keys) => keys.filter((key) => this.lookup(key)).length,
      TYPE: ([key]) => {
        const value = this.lookup(key!);
        return new StatusReply(value ? value.type : "none");
      },
      EXPIRE: ([key, seconds]) => this.expireAt(key!, this.now() + parseInteger(seconds!) * 1000),
      PEXPIRE: ([key, ms]) => this.expireAt(key!, this.now() + parseInteger(ms!)),
      PEXPIREAT: ([key, at]) => this.expireAt(key!, parseInteger(at!)),
      PERSIST: ([key]) => (this.lookup(key!) && this.expiries.delete(key!) ? 1 : 0),
      TTL: ([key]) => this.ttl(key!, 1000),
      PTTL: ([key]) => this.ttl(key!, 1),
      KEYS: ([pattern]) => this.keysMatching(pattern!),
      SCAN: ([, ...options]) => {
        let pattern = "*";
        for (let i = 0; i < options.length; i += 2) {
          const option = options[i]!.toUpperCase();
          if (option === "MATCH") pattern = options[i + 1]!;
          else if (option !== "COUNT" && option !== "TYPE") throw syntaxError();
        }
        return ["0", this.keysMatching(pattern)];
      },
      // Redis's DUMP is an opaque serialization for RESTORE; this one is JSON, opaque to clients all the same.
      DUMP: ([key]) => {
        const value = this.lookup(key!);
        if (!value) return null;
        const data = value.data instanceof SortedSet ? value.data.ordered : value.data;
        return JSON.stringify({
          type: value.type,
          data: data instanceof Map || data instanceof Set ? [...data] : data,
        });
      },
      DBSIZE: () => this.size,
      FLUSHDB: () => {
        this.values.clear();
        this.expiries.clear();
        return OK;
      },
      // strings
      GET: ([key]) => this.read(key!, "string") ?? null,
      MGET: (keys) =>
        keys.map((key) => (this.lookup(key)?.type === "string" ? this.read(key, "string")! : null)),
      SET: ([key, value, ...options]) => {
        let at: number | undefined;
        let condition: "NX" | "XX" | undefined;
        let keepTtl = false;
        let get = false;
        for (let i = 0; i < options.length; i++) {
          const option = options[i]!.toUpperCase();
          if (option === "NX" || option === "XX") condition = option;
          else if (option === "GET") get = true;
          else if (option === "KEEPTTL") keepTtl = true;
          else if ((option === "PX" || option === "EX") && i + 1 < options.length) {
            const amount = parseInteger(options[++i]!);
            if (amount <= 0) throw new ErrorReply("ERR invalid expire time in 'set' command");
            at = this.now() + amount * (option === "EX" ? 1000 : 1);
          } else throw syntaxError();
        }
        const previous = get ? (this.read(key!, "string") ?? null) : undefined;
        const exists = this.lookup(key!) !== undefined;
        if ((condition === "NX" && exists) || (condition === "XX" && !exists)) return get ? previous! : null;
        this.setString(key!, value!, keepTtl);
        if (at !== undefined) this.expiries.set(key!, at);
        return get ? previous! : OK;
      },
      SETNX: ([key, value]) => {
        if (this.lookup(key!)) return 0;
        this.setString(key!, value!);
        return 1;
      },
      GETDEL: ([key]) => {
        const value = this.read(key!, "string") ?? null;
        if (value !== null) this.remove(key!);
        return value;
      },
      INCR: ([key]) => this.incrementBy(key!, 1),
      DECR: ([key]) => this.incrementBy(key!, -1),
      INCRBY: ([key, by]) => this.incrementBy(key!, parseInteger(by!)),
      DECRBY: ([key, by]) => this.incrementBy(key!, -parseInteger(by!)),
      // hashes
      HSET: ([key, ...pairs]) => {
        if (pairs.length === 0 || pairs.length % 2 !== 0)
          throw new ErrorReply("ERR wrong number of arguments for 'hset' command");
        const data = hash(key!);
        let added = 0;
        for (let i = 0; i < pairs.length; i += 2) {
          if (!data.has(pairs[i]!)) added++;
          data.set(pairs[i]!, pairs[i + 1]!);
        }
        return added;
      },
      HMSET: ([key, ...pairs]) => {
        this.commands.HSET!([key!, ...pairs]);
        return OK;
      },
      HSETNX: ([key, field, value]) => {
        const data = hash(key!);
        if (data.has(field!)) return 0;
        data.set(field!, value!);
        return 1;
      },
      HGET: ([key, field]) => this.read(key!, "hash")?.get(field!) ?? null,
      HMGET: ([key, ...fields]) => {
        const data = this.read(key!, "hash");
        return fields.map((field) => data?.get(field) ?? null);
      },
      HGETALL: ([key]) => [...(this.read(key!, "hash") ?? new Map<string, string>())].flat(),
      HKEYS: ([key]) => [...(this.read(key!, "hash")?.keys() ?? [])],
      HVALS: ([key]) => [...(this.read(key!, "hash")?.values() ?? [])],
      HLEN: ([key]) => this.read(key!, "hash")?.size ?? 0,
      HEXISTS: ([key, field]) => (this.read(key!, "hash")?.has(field!) ? 1 : 0),
      HDEL: ([key, ...fields]) => this.removeMembers(key!, "hash", fields),
      HINCRBY: ([key, field, by]) => {
        const data = hash(key!);
        const current = data.get(field!);
        let base: number;
        try {
          base = current === undefined ? 0 : parseInteger(current);
        } catch {
          throw new ErrorReply("ERR hash value is not an integer");
        }
        const next = base + parseInteger(by!);
        data.set(field!, String(next));
        return next;
      },
      // sorted sets
      ZADD: ([key, ...rest]) => {
        const flags = new Set<string>();
        let i = 0;
        while (i < rest.length && ["NX", "XX", "GT", "LT", "CH"].includes(rest[i]!.toUpperCase())) {
          flags.add(rest[i++]!.toUpperCase());
        }
        const pairs = rest.slice(i);
        if (pairs.length === 0 || pairs.length % 2 !== 0) throw syntaxError();
        const scores = pairs.filter((_, index) => index % 2 === 0).map(parseDouble);
        const data = zset(key!);
        let changed = 0;
        let added = 0;
        scores.forEach((score, index) => {
          const member = pairs[index * 2 + 1]!;
          const previous = data.scores.get(member);
          if (flags.has("NX") && previous !== undefined) return;
          if (flags.has("XX") && previous === undefined) return;
          if (previous !== undefined && flags.has("GT") && score <= previous) return;
          if (previous !== undefined && flags.has("LT") && score >= previous) return;
          if (data.set(member, score)) added++;
          if (previous !== score) changed++;
        });
        this.dropIfEmpty(key!, data.size);
        return flags.has("CH") ? changed : added;
      },
      ZINCRBY: ([key, by, member]) => {
        const data = zset(key!);
        const score = (data.scores.get(member!) ?? 0) + parseDouble(by!);
        data.set(member!, score);
        return formatDouble(score);
      },
      ZREM: ([key, ...members]) => this.removeMembers(key!, "zset", members),
      ZSCORE: ([key, member]) => {
        const score = this.read(key!, "zset")?.scores.get(member!);
        return score === undefined ? null : formatDouble(score);
      },
      ZMSCORE: ([key, ...members]) => {
        const data = this.read(key!, "zset");
        return members.map((member) => {
          const score = data?.scores.get(member);
          return score === undefined ? null : formatDouble(score);
        });
      },
      ZCARD: ([key]) => this.read(key!, "zset")?.size ?? 0,
      ZCOUNT: ([key, min, max]) =>
        this.read(key!, "zset")?.byScore(scoreBound(min!), scoreBound(max!)).length ?? 0,
      ZRANK: ([key, member]) => this.read(key!, "zset")?.rank(member!) ?? null,
      ZREVRANK: ([key, member]) => {
        const data = this.read(key!, "zset");
        const rank = data?.rank(member!);
        return rank === undefined ? null : data!.size - 1 - rank;
      },
      ZRANGE: (args) => this.zsetRange(args, false, false),
      ZREVRANGE: (args) => this.zsetRange(args, true, false),
      ZRANGEBYSCORE: (args) => this.zsetRange(args, false, true),
      ZREVRANGEBYSCORE: (args) => this.zsetRange(args, true, true),
      ZREMRANGEBYSCORE: ([key, min, max]) => {
        const data = this.read(key!, "zset");
        if (!data) return 0;
        const doomed = data.byScore(scoreBound(min!), scoreBound(max!));
        for (const entry of doomed) data.delete(entry.member);
        this.dropIfEmpty(key!, data.size);
        return doomed.length;
      },
      ZREMRANGEBYRANK: ([key, startText, stopText]) => {
        const data = this.read(key!, "zset");
        if (!data) return 0;
        const [start, stop] = indexRange(data.size, startText!, stopText!);
        const doomed = start > stop ? [] : data.ordered.slice(start, stop + 1);
        for (const entry of doomed) data.delete(entry.member);
        this.dropIfEmpty(key!, data.size);
        return doomed.length;
      },
      ZPOPMIN: ([key, countText]) => {
        const data = this.read(key!, "zset");
        if (!data) return [];
        const popped = data.ordered.slice(0, countText === undefined ? 1 : parseInteger(countText));
        for (const entry of popped) data.delete(entry.member);
        this.dropIfEmpty(key!, data.size);
        return withScores(popped, true);
      },
      // lists
      RPUSH: ([key, ...items]) => {
        const data = list(key!);
        data.push(...items);
        return data.length;
      },
      LPUSH: ([key, ...items]) => {
        const data = list(key!);
        data.unshift(...items.reverse());
        return data.length;
      },
      LLEN: ([key]) => this.read(key!, "list")?.length ?? 0,
      LRANGE: ([key, start, stop]) => {
        const data = this.read(key!, "list") ?? [];
        const [from, to] = indexRange(data.length, start!, stop!);
        return from > to ? [] : data.slice(from, to + 1);
      },
      LTRIM: ([key, start, stop]) => {
        const data = this.read(key!, "list");
        if (!data) return OK;
        const [from, to] = indexRange(data.length, start!, stop!);
        const kept = from > to ? [] : data.slice(from, to + 1);
        data.splice(0, data.length, ...kept);
        this.dropIfEmpty(key!, data.length);
        return OK;
      },
      LPOP: ([key]) => {
        const data = this.read(key!, "list");
        const item = data?.shift() ?? null;
        if (data) this.dropIfEmpty(key!, data.length);
        return item;
      },
      RPOP: ([key]) => {
        const data = this.read(key!, "list");
        const item = data?.pop() ?? null;
        if (data) this.dropIfEmpty(key!, data.length);
        return item;
      },
      // sets
      SADD: ([key, ...members]) => {
        const data = this.write(key!, "set", () => new Set());
        const before = data.size;
        for (const member of members) data.add(member);
        return data.size - before;
      },
      SREM: ([key, ...members]) => this.removeMembers(key!, "set", members),
      SMEMBERS: ([key]) => [...(this.read(key!, "set") ?? [])],
      SCARD: ([key]) => this.read(key!, "set")?.size ?? 0,
      SISMEMBER: ([key, member]) => (this.read(key!, "set")?.has(member!) ? 1 : 0),
      // streams
      XADD: (args) => this.streamAdd(args),
      XRANGE: (args) => this.streamRange(args, false),
      XREVRANGE: (args) => this.streamRange(args, true),
      XTRIM: ([key, strategy, ...rest]) => {
        if (strategy!.toUpperCase() !== "MAXLEN") throw syntaxError();
        const maxLen = parseInteger(rest[0] === "~" || rest[0] === "=" ? rest[1]! : rest[0]!);
        const stream = this.read(key!, "stream");
        if (!stream || stream.entries.length <= maxLen) return 0;
        return stream.entries.splice(0, stream.entries.length - maxLen).length;
      },
      XLEN: ([key]) => this.read(key!, "stream")?.entries.length ?? 0,
    };
  }
}
