import { MAX_DATE, MIN_DATE, UUID_PATTERN } from "@frontrow/validators";
import { DomainError } from "../errors";

/** Position after an event in start-time order: (startsAt, id). Opaque to clients. */
export interface EventCursor {
  startsAt: Date;
  id: string;
}

export function encodeEventCursor(cursor: EventCursor): string {
  return Buffer.from(JSON.stringify([cursor.startsAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeEventCursor(raw: string): EventCursor {
  try {
    const [startsAt, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as unknown[];
    const date = new Date(String(startsAt));
    // A forged cursor must not reach the query: the id must be a real UUID and the date one Postgres can take.
    if (typeof id !== "string" || !UUID_PATTERN.test(id) || !(date >= MIN_DATE && date <= MAX_DATE)) {
      throw new Error("malformed");
    }
    return { startsAt: date, id };
  } catch {
    throw new DomainError("INVALID_INPUT", "The page cursor is not valid", { field: "cursor" });
  }
}
