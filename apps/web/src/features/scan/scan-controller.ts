import { checkTicketCode, decodeKey, type TicketCodeRefusal } from "@frontrow/validators/ticket-codes";
import { describeError, type DomainCode } from "../../lib/errors";

/** What `tickets.admit` answers. */
export interface Admitted {
  ticketId: string;
  seat: string;
  tierName: string;
  code: string;
  admittedAt: Date;
}

export interface ScanEvent {
  id: string;
  allowPrintedTickets: boolean;
}

/** One scan as the door sees it: let in (green), refused (red), or genuine but not recorded (amber: offline). */
export interface ScanResult {
  id: number;
  at: Date;
  verdict: "admitted" | "refused" | "unrecorded";
  title: string;
  detail: string;
}

export interface ScanState {
  results: ScanResult[];
  busy: boolean;
}

export interface ScanControllerDeps {
  /** The server's public key (base64url), from `tickets.scanSetup`: every code is checked with it before the server. */
  publicKey: string;
  admit(input: { eventId: string; code: string }): Promise<Admitted>;
  /** The scanner's clock (Date.now unless a test sets it). */
  now?: () => number;
  formatTime(at: Date): string;
}

const OFFLINE_TITLES: Record<TicketCodeRefusal, string> = {
  MALFORMED: "Not a ticket",
  BAD_SIGNATURE: "Not a valid ticket",
  EXPIRED: "Code expired",
  WRONG_EVENT: "Wrong event",
  PRINTED_NOT_ALLOWED: "Printed tickets not accepted",
};

const SERVER_TITLES: Partial<Record<DomainCode, string>> = {
  TICKET_ALREADY_USED: "Already used",
  TICKET_VOID: "Cancelled ticket",
  TICKET_CODE_EXPIRED: "Code expired",
  TICKET_CODE_INVALID: "Not a valid ticket",
  WRONG_EVENT: "Wrong event",
  PRINTED_TICKETS_NOT_ALLOWED: "Printed tickets not accepted",
  FORBIDDEN: "Not allowed to scan",
};

/** A camera reads the same code many times a second: a repeat within this long is the same scan. */
const REPEAT_MS = 3_000;
const KEPT = 20;

/**
 * The door scanner's workflow, outside React: every code is checked offline first (signatures, event, time window)
 * and only a genuine one is sent to `tickets.admit`. Tickets let in on this device are remembered, so a second scan
 * is refused even while the network is down; while it is down a genuine code is shown as not recorded.
 */
export function createScanController(deps: ScanControllerDeps) {
  const serverPublicKey = decodeKey(deps.publicKey);
  const now = deps.now ?? Date.now;
  const admittedHere = new Map<string, Date>();
  let state: ScanState = { results: [], busy: false };
  let nextId = 1;
  let last: { code: string; at: number } | undefined;
  const listeners = new Set<() => void>();

  const set = (next: Partial<ScanState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };
  const record = (verdict: ScanResult["verdict"], title: string, detail: string): ScanResult => {
    const result = { id: nextId++, at: new Date(now()), verdict, title, detail };
    set({ results: [result, ...state.results].slice(0, KEPT) });
    return result;
  };

  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,

    /** Checks and admits one code for `event`; resolves with its result (undefined for a camera's repeat). */
    async scan(event: ScanEvent, raw: string): Promise<ScanResult | undefined> {
      const code = raw.trim();
      if (code === "") return undefined;
      const nowMs = now();
      if (last && last.code === code && nowMs - last.at < REPEAT_MS) return undefined;
      last = { code, at: nowMs };

      const checked = checkTicketCode(code, {
        serverPublicKey,
        nowMs,
        eventId: event.id,
        allowPrinted: event.allowPrintedTickets,
      });
      if (!checked.ok) return record("refused", OFFLINE_TITLES[checked.reason], checked.message);
      const seenAt = admittedHere.get(checked.ticketId);
      if (seenAt) return record("refused", "Already used", `Already used at ${deps.formatTime(seenAt)} (on this scanner)`);

      set({ busy: true });
      try {
        const admitted = await deps.admit({ eventId: event.id, code });
        admittedHere.set(admitted.ticketId, admitted.admittedAt);
        return record("admitted", "Let in", `${admitted.seat} · ${admitted.tierName} · ${admitted.code}`);
      } catch (error) {
        const info = describeError(error);
        if (info.network) {
          // Genuine, but not marked used: remembered here so this scanner refuses it a second time.
          admittedHere.set(checked.ticketId, new Date(nowMs));
          return record("unrecorded", "Genuine, not recorded", "This scanner is offline: the ticket is genuine but was not marked used.");
        }
        const title = (info.domainCode && SERVER_TITLES[info.domainCode]) ?? "Refused";
        return record("refused", title, info.message);
      } finally {
        set({ busy: false });
      }
    },
  };
}

export type ScanController = ReturnType<typeof createScanController>;
