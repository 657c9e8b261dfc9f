import type { Challenge } from "altcha/types";

/** What `auth.challenge` answers: whether a proof-of-work is needed, and the challenge if so. */
export type ChallengeOffer = { required: false } | { required: true; challenge: unknown };

let widgetLoaded: Promise<void> | undefined;

/** ALTCHA's widget without its bundled (blob: URL) workers, which the page's CSP refuses: ours come from /assets. */
function loadWidget(): Promise<void> {
  widgetLoaded ??= (async () => {
    const [{ default: ShaWorker }] = await Promise.all([import("altcha/workers/sha?worker"), import("altcha/external")]);
    globalThis.$altcha.algorithms.set("SHA-256", () => new ShaWorker());
  })();
  return widgetLoaded;
}

/**
 * Solves a proof-of-work challenge with ALTCHA's widget, unseen (display "invisible", started by us): the fan
 * sees the button's own spinner for the second or so it takes. Resolves to the payload the API takes.
 */
async function solveUnseen(challenge: unknown): Promise<string> {
  await loadWidget();
  const widget = document.createElement("altcha-widget");
  widget.hidden = true;
  // Its methods work once it says "load"; should that event be missed, a short wait does the same.
  const loaded = new Promise<void>((resolve) => {
    widget.addEventListener("load", () => resolve(), { once: true });
    setTimeout(resolve, 1_000);
  });
  document.body.append(widget);
  try {
    await loaded;
    await widget.configure({ challenge: challenge as Challenge, auto: "off", display: "invisible", minDuration: 0 });
    const result = await widget.verify();
    if (!result?.payload) throw new Error("The browser check did not finish: reload the page and try again");
    return result.payload;
  } finally {
    widget.remove();
  }
}

/** The proof-of-work a request needs, solved; undefined when the server asks for none. */
export async function browserCheck(offer: ChallengeOffer): Promise<string | undefined> {
  return offer.required ? solveUnseen(offer.challenge) : undefined;
}
