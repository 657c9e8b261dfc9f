import { describe, expect, it } from "vitest";
import { joinErrorMessage, lastOfferSentence, offerSentence, positionSentence } from "./waiting-list-words";

describe("the waiting list's words", () => {
  it("say the fan's place, what they asked for and where", () => {
    expect(positionSentence(1, 1, null)).toBe("You're next on the waiting list for 1 ticket.");
    expect(positionSentence(3, 2, "Section 101")).toBe("You're number 3 on the waiting list for 2 tickets in Section 101.");
  });

  it("say what an offer holds and how the last one ended", () => {
    expect(offerSentence(1)).toBe("A ticket came back on sale and is held for you.");
    expect(offerSentence(4)).toBe("4 tickets came back on sale and are held for you, together.");
    expect(lastOfferSentence("expired")).toMatch(/ran out before it was paid/);
    expect(lastOfferSentence("purchased")).toBeNull();
  });

  it("put refusals in the fan's words", () => {
    expect(joinErrorMessage("ALREADY_ON_WAITING_LIST", "x")).toBe("You're on this waiting list already.");
    expect(joinErrorMessage("LIMIT_EXCEEDED", "You can ask for at most 4 tickets for this event")).toBe(
      "You can ask for at most 4 tickets for this event",
    );
  });
});
