import { encodeKey, generateKeyPair, issueTicketCredential, rotatingTicketCode } from "@frontrow/validators/ticket-codes";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { createScanController, type Admitted } from "./scan-controller";

const server = generateKeyPair();
const event = { id: "5f0c6b1e-2d3a-4b8c-8e7f-6a5b4c3d2e1f", allowPrintedTickets: true };
const ticketId = "0b7e3c2a-6f1d-4e8b-9a51-3c2d1e0f9a8b";
const ticketSecret = generateKeyPair().secretKey;
const key = {
  credential: issueTicketCredential(server.secretKey, { ticketId, eventId: event.id, seat: "101/F/7" }, ticketSecret),
  secretKey: encodeKey(ticketSecret),
};
const admittedAt = new Date("2026-12-07T19:05:00Z");

/** A scanner whose server answers each admit with the next of `answers`; `sent` counts what reached it. */
function harness(answers: Array<"ok" | Error>) {
  let now = Date.UTC(2026, 11, 7, 19, 0, 5);
  const sent: string[] = [];
  const controller = createScanController({
    publicKey: encodeKey(server.publicKey),
    async admit(input): Promise<Admitted> {
      sent.push(input.code);
      const answer = answers.shift();
      if (answer instanceof Error) throw answer;
      return { ticketId, seat: "Section 101, row F, seat 7", tierName: "Standard", code: "FR-AAAA-BBBB", admittedAt };
    },
    now: () => now,
    formatTime: (at) => at.toISOString().slice(11, 16),
  });
  return { controller, sent, advance: (ms: number) => (now += ms), at: () => now };
}

describe("the door scanner", () => {
  it("refuses forged, expired and other events' codes without asking the server", async () => {
    const { controller, sent, advance, at } = harness([]);
    const { code } = rotatingTicketCode(key, at());
    expect(await controller.scan(event, "FRT2.AAAA")).toMatchObject({ verdict: "refused", title: "Not a ticket" });
    expect(await controller.scan({ ...event, id: "00000000-0000-4000-8000-000000000000" }, code)).toMatchObject({ verdict: "refused", title: "Wrong event" });
    advance(90_000);
    expect(await controller.scan(event, code)).toMatchObject({ verdict: "refused", title: "Code expired" });
    expect(sent).toEqual([]);
  });

  it("lets a genuine code in, refuses it a second time on this scanner, and shows the server's refusals", async () => {
    const used = TRPCClientError.from({
      error: { message: "Already used at 7:05 PM EST", code: -32009, data: { code: "CONFLICT", httpStatus: 409, domainCode: "TICKET_ALREADY_USED" } },
    });
    const { controller, sent, advance, at } = harness(["ok", used]);
    const first = rotatingTicketCode(key, at()).code;
    expect(await controller.scan(event, first)).toMatchObject({ verdict: "admitted", title: "Let in", detail: "Section 101, row F, seat 7 · Standard · FR-AAAA-BBBB" });
    // The camera reads the same code again at once: one scan.
    expect(await controller.scan(event, first)).toBeUndefined();
    advance(31_000);
    expect(await controller.scan(event, rotatingTicketCode(key, at()).code)).toMatchObject({ verdict: "refused", detail: "Already used at 19:05 (on this scanner)" });
    expect(sent).toHaveLength(1);

    // Another scanner let it in: the server says so.
    const other = harness([used]);
    expect(await other.controller.scan(event, rotatingTicketCode(key, other.at()).code)).toMatchObject({
      verdict: "refused",
      title: "Already used",
      detail: "Already used at 7:05 PM EST",
    });
    expect(controller.getSnapshot().results.map((result) => result.verdict)).toEqual(["refused", "admitted"]);
  });

  it("offline, a genuine code is shown as not recorded, and refused if scanned again", async () => {
    const { controller, advance, at } = harness([new TRPCClientError("fetch failed")]);
    expect(await controller.scan(event, rotatingTicketCode(key, at()).code)).toMatchObject({ verdict: "unrecorded" });
    advance(31_000);
    expect(await controller.scan(event, rotatingTicketCode(key, at()).code)).toMatchObject({ verdict: "refused", title: "Already used" });
  });
});
