/** A RESP2 reply: bulk string, integer, nil, array, status (+OK) or error (-ERR …). */
export type Reply = string | number | null | Reply[] | StatusReply | ErrorReply;

export class StatusReply {
  constructor(readonly status: string) {}
}

/** An error reply; commands throw it, the server and redis.call turn it into `-message`. */
export class ErrorReply extends Error {}

export const OK = new StatusReply("OK");

export const wrongType = () =>
  new ErrorReply("WRONGTYPE Operation against a key holding the wrong kind of value");
export const notAnInteger = () => new ErrorReply("ERR value is not an integer or out of range");
export const notAFloat = () => new ErrorReply("ERR value is not a valid float");
export const syntaxError = () => new ErrorReply("ERR syntax error");
export const wrongArity = (command: string) =>
  new ErrorReply(`ERR wrong number of arguments for '${command.toLowerCase()}' command`);

/** Encodes a reply for the wire. */
export function encodeReply(reply: Reply): string {
  if (reply === null) return "$-1\r\n";
  if (typeof reply === "string") return `$${Buffer.byteLength(reply)}\r\n${reply}\r\n`;
  if (typeof reply === "number") return `:${Math.trunc(reply)}\r\n`;
  if (Array.isArray(reply)) return `*${reply.length}\r\n${reply.map(encodeReply).join("")}`;
  if (reply instanceof StatusReply) return `+${reply.status}\r\n`;
  return `-${reply.message.replace(/[\r\n]+/g, " ")}\r\n`;
}

/** Redis's text for a double (shortest round-trip form, inf as "inf"). */
export function formatDouble(value: number): string {
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  return String(value);
}

export function parseInteger(text: string): number {
  if (!/^-?\d+$/.test(text)) throw notAnInteger();
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw notAnInteger();
  return value;
}

export function parseDouble(text: string): number {
  const lower = text.toLowerCase();
  if (lower === "+inf" || lower === "inf") return Infinity;
  if (lower === "-inf") return -Infinity;
  const value = Number(text);
  if (text.trim() === "" || Number.isNaN(value)) throw notAFloat();
  return value;
}
