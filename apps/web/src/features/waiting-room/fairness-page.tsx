import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation } from "react-router";
import { BackToEventNav } from "../../components/back-to-event-nav";
import { BusyButton } from "../../components/busy-button";
import { Countdown } from "../../components/countdown";
import { QueryErrorState } from "../../components/error-state";
import { Spinner } from "../../components/spinner";
import { formatCount, formatLongDate, formatTime } from "../../lib/format";
import type { EventDetail } from "../../lib/types";
import { useRouteEvent } from "../../lib/use-route-event";
import { useSession } from "../../lib/use-session";
import { trpc } from "../../trpc";
import { CopyButton } from "./copy-button";
import {
  canHashInBrowser,
  nodeShuffleCommand,
  rankKey,
  recomputeShuffle,
  sha256Hex,
  shellShuffleCommand,
  verifyHashCommand,
  type RankedEntry,
} from "./fairness";
import { RouteEventProblem } from "../../pages/route-event-problem";
import "./waiting-room.css";

/** `/events/:eventId/fairness` — the committed seed hash, the revealed seed, and how to check the draw. */
export function FairnessPage() {
  // The countdown to the on-sale asks for the revealed seed itself (see FairnessRecord).
  const route = useRouteEvent({ followOnSale: false });
  const { query: eventQuery } = route;

  if (route.notFound || eventQuery.isError) return <RouteEventProblem route={route} pageTitle="Fairness" />;
  if (eventQuery.isPending) {
    return (
      <div className="fair" aria-busy="true">
        <title>Fairness · Frontrow</title>
        <div className="container fair__inner">
          <p className="wr-opening" role="status">
            <Spinner />
            Loading the fairness record…
          </p>
        </div>
      </div>
    );
  }
  return <FairnessRecord key={eventQuery.data.id} event={eventQuery.data} />;
}

function FairnessRecord({ event }: { event: EventDetail }) {
  const location = useLocation();
  const { user } = useSession();
  // Asked again when the countdown to the on-sale ends, for the revealed seed and the entries.
  const fairness = trpc.queue.fairness.useQuery({ eventId: event.id }, { enabled: event.waitingRoom });
  const mine = trpc.queue.status.useQuery(
    { eventId: event.id },
    { enabled: event.waitingRoom && Boolean(user) },
  );
  const entryId = mine.data?.entryId ?? null;

  const header = (
    <>
      <title>{`Fairness · ${event.name} · Frontrow`}</title>
      <BackToEventNav event={event} className="wr__crumbs" />
      <header className="fair__header">
        <h1 className="wr__title">Fairness record</h1>
        <p className="fair__lead">
          Everyone who joins the waiting room before the sale opens gets a random place in line. The draw uses
          a seed fixed in advance, so nobody, including us, can pick the order, and anyone can check it.
        </p>
      </header>
    </>
  );

  if (!event.waitingRoom) {
    return (
      <div className="fair">
        <div className="container fair__inner">
          {header}
          <div className="state">
            <p className="state__title">This event has no waiting room</p>
            <p className="state__detail">
              Seats open to everyone at the same moment, so there's no draw to check.
            </p>
            <Link to={`/events/${event.id}`} className="button button--secondary">
              Back to the event
            </Link>
          </div>
        </div>
      </div>
    );
  }
  if (fairness.isError) {
    return (
      <div className="fair">
        <div className="container fair__inner">
          {header}
          <QueryErrorState title="We couldn't load the fairness record" query={fairness} />
        </div>
      </div>
    );
  }

  const record = fairness.data;
  const seedHash = record?.seedHash ?? mine.data?.fairness?.seedHash ?? null;
  const seed = record?.seed ?? mine.data?.fairness?.seed ?? null;
  const entries = record?.entries ?? null;
  const opensAt = event.waitingRoomSettings?.preQueueOpensAt ?? null;

  return (
    <div className="fair">
      <div className="container fair__inner">
        {header}
        {fairness.isPending ? (
          <p className="wr-opening" role="status">
            <Spinner />
            Loading the fairness record…
          </p>
        ) : (
          <>
            <ol className="fair-steps">
              <FairStep step={1} title="The commitment">
                {seedHash ? (
                  <>
                    <p>
                      The SHA-256 hash of the seed. It is public before the waiting room opens
                      {opensAt ? (
                        <>
                          {" "}
                          (
                          <time dateTime={opensAt.toISOString()}>
                            {formatLongDate(opensAt, event.venue.timezone)}, {formatTime(opensAt, event.venue.timezone)}
                          </time>
                          )
                        </>
                      ) : null}
                      , so the seed can't be swapped once fans start arriving.
                    </p>
                    <div className="fair-value">
                      <code className="wr-code">{seedHash}</code>
                      <CopyButton text={seedHash} label="Copy the seed hash" />
                    </div>
                  </>
                ) : (
                  <p className="muted">No seed hash was published for this event.</p>
                )}
              </FairStep>
              <FairStep step={2} title="The seed">
                {seed ? (
                  <>
                    <p>Revealed when the sale opened. Its SHA-256 must be the hash above.</p>
                    <div className="fair-value">
                      <code className="wr-code">{seed}</code>
                      <CopyButton text={seed} label="Copy the seed" />
                    </div>
                  </>
                ) : (
                  <>
                    <p>
                      Kept secret until the sale opens{" "}
                      <time dateTime={event.onSaleAt.toISOString()}>
                        {formatLongDate(event.onSaleAt, event.venue.timezone)} at {formatTime(event.onSaleAt, event.venue.timezone)}
                      </time>
                      , so nobody can work out the order in advance.
                    </p>
                    <Countdown
                      target={event.onSaleAt}
                      label="Revealed in"
                      onDone={() => void fairness.refetch()}
                    />
                  </>
                )}
              </FairStep>
              <FairStep step={3} title="The entries">
                <p>
                  Each fan who joined before the start got a random entry id. The full list is published by
                  the organizer after the on-sale.
                </p>
                {entries ? (
                  <div className="fair-value">
                    <p>
                      <strong>{formatCount(entries.length)}</strong>{" "}
                      {entries.length === 1 ? "entry" : "entries"} in the draw.
                    </p>
                    {entries.length > 0 ? (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => downloadEntries(entries)}
                      >
                        Download entries.txt
                      </button>
                    ) : null}
                  </div>
                ) : null}
                <p className="fair-mine">
                  {user === null ? (
                    <>
                      <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>Sign in</Link> to
                      see your own entry.
                    </>
                  ) : entryId ? (
                    <>
                      Your entry: <code className="wr-code wr-code--inline">{entryId}</code>
                    </>
                  ) : mine.isPending && user ? (
                    "Looking for your entry…"
                  ) : (
                    "You didn't join before the start, so you have no entry in the draw."
                  )}
                </p>
              </FairStep>
              <FairStep step={4} title="Recompute it yourself">
                <p>
                  Sort the entry ids by{" "}
                  <code className="wr-code wr-code--inline">sha1(seed + ":" + entryId)</code> as lower-case
                  hex; places 1, 2, 3… go in that order. With the ids in{" "}
                  <code className="wr-code wr-code--inline">entries.txt</code>, one per line:
                </p>
                <Command label="Check the seed against the hash" command={verifyHashCommand(seed)} />
                <Command label="Recompute the order with Node.js" command={nodeShuffleCommand(seed)} />
                <Command label="Or with a plain shell" command={shellShuffleCommand(seed)} />
              </FairStep>
            </ol>
            <BrowserChecker seed={seed} seedHash={seedHash} entryId={entryId} entries={entries} />
          </>
        )}
      </div>
    </div>
  );
}

/** One numbered step of the record. */
function FairStep({ step, title, children }: { step: number; title: string; children: ReactNode }) {
  const id = useId();
  return (
    <li className="fair-step">
      <section aria-labelledby={id}>
        <p className="wr-eyebrow">Step {step}</p>
        <h2 id={id} className="fair-step__title">
          {title}
        </h2>
        {children}
      </section>
    </li>
  );
}

function Command({ label, command }: { label: string; command: string }) {
  const id = useId();
  return (
    <figure className="fair-command">
      <figcaption id={id} className="fair-command__label">
        {label}
      </figcaption>
      <pre className="fair-command__code" aria-labelledby={id} tabIndex={0}>
        <code>{command}</code>
      </pre>
      <CopyButton text={command} label={`Copy: ${label}`} />
    </figure>
  );
}

function downloadEntries(entries: readonly string[]) {
  const url = URL.createObjectURL(new Blob([`${entries.join("\n")}\n`], { type: "text/plain" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = "entries.txt";
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

interface CheckResult {
  seedSha256: string;
  matches: boolean | null;
  entryId: string;
  key: string | null;
  place: RankedEntry | null;
  total: number | null;
}

/** Paste the seed: check it against the hash with Web Crypto, and show an entry's rank key and place. */
function BrowserChecker({
  seed,
  seedHash,
  entryId,
  entries,
}: {
  seed: string | null;
  seedHash: string | null;
  entryId: string | null;
  entries: readonly string[] | null;
}) {
  const id = useId();
  const [seedInput, setSeedInput] = useState(seed ?? "");
  const [entryInput, setEntryInput] = useState(entryId ?? "");
  const [seedError, setSeedError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<CheckResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const available = canHashInBrowser();

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const candidate = seedInput.trim();
    const entry = entryInput.trim();
    if (!candidate) {
      setSeedError("Paste the seed to check");
      return;
    }
    setSeedError(null);
    setFailure(null);
    setChecking(true);
    try {
      const seedSha256 = await sha256Hex(candidate);
      const matches = seedHash ? seedSha256 === seedHash.toLowerCase() : null;
      const key = entry ? await rankKey(candidate, entry) : null;
      let place: RankedEntry | null = null;
      let total: number | null = null;
      if (entry && entries && matches !== false) {
        const order = await recomputeShuffle(candidate, entries);
        total = order.length;
        place = order.find((ranked) => ranked.entryId === entry) ?? null;
      }
      setResult({ seedSha256, matches, entryId: entry, key, place, total });
    } catch {
      setFailure("Your browser couldn't compute the hashes. Use the commands above instead.");
    } finally {
      setChecking(false);
    }
  }

  return (
    <section className="fair-checker" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="fair-step__title">
        Check it in your browser
      </h2>
      {!available ? (
        <p className="wr-notice">
          Your browser only offers these checks on a secure (https) page. Use the commands above instead.
        </p>
      ) : (
        <form className="fair-form" onSubmit={(event) => void check(event)} noValidate>
          <CheckerField
            label="Seed"
            value={seedInput}
            onChange={setSeedInput}
            error={seedError}
            hint={
              seed
                ? "The revealed seed is filled in; paste any other to try it."
                : "Revealed when the sale opens."
            }
          />
          <CheckerField
            label={
              <>
                Entry id <span className="muted">(optional)</span>
              </>
            }
            value={entryInput}
            onChange={setEntryInput}
            hint={entryId ? "Your own entry is filled in." : "An entry id from the published list."}
          />
          <div>
            <BusyButton type="submit" className="button button--primary" busy={checking}>
              Check
            </BusyButton>
          </div>
        </form>
      )}
      <div className="fair-result" aria-live="polite">
        {failure ? <p className="wr-alert">{failure}</p> : null}
        {result ? <CheckResultView result={result} /> : null}
      </div>
    </section>
  );
}

function CheckResultView({ result }: { result: CheckResult }) {
  return (
    <dl className="fair-result__list">
      <div>
        <dt>SHA-256 of the seed</dt>
        <dd>
          <code className="wr-code">{result.seedSha256}</code>
          {result.matches === null ? null : result.matches ? (
            <p className="fair-verdict fair-verdict--ok">
              <span aria-hidden="true">✓ </span>Matches the committed hash.
            </p>
          ) : (
            <p className="fair-verdict fair-verdict--bad">
              <span aria-hidden="true">✗ </span>Does not match the committed hash: this is not the seed.
            </p>
          )}
        </dd>
      </div>
      {result.key ? (
        <div>
          <dt>
            Rank key <code className="wr-code wr-code--inline">sha1(seed:entryId)</code>
          </dt>
          <dd>
            <code className="wr-code">{result.key}</code>
          </dd>
        </div>
      ) : null}
      {result.total !== null ? (
        <div>
          <dt>Place in the draw</dt>
          <dd>
            {result.place
              ? `Number ${formatCount(result.place.place)} of ${formatCount(result.total)} entries.`
              : `This entry id isn't among the ${formatCount(result.total)} published entries.`}
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** A text input of the browser check; an error, when there is one, takes the hint's place. */
function CheckerField({
  label,
  value,
  onChange,
  hint,
  error = null,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  hint: string;
  error?: string | null;
}) {
  const id = useId();
  const messageId = error ? `${id}-error` : `${id}-hint`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input fair-input"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={messageId}
      />
      <p key={messageId} id={messageId} className={error ? "field__error" : "field__hint"}>
        {error ?? hint}
      </p>
    </div>
  );
}
