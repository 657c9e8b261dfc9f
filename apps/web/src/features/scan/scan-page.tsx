import type { AppRouter } from "@frontrow/api";
import type { inferRouterOutputs } from "@trpc/server";
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { useSearchParams } from "react-router";
import { QueryErrorState } from "../../components/error-state";
import { RequireRole } from "../../components/require-role";
import { Spinner } from "../../components/spinner";
import { formatEventDate } from "../../lib/format";
import { trpc } from "../../trpc";
import { createScanController, type ScanController, type ScanResult } from "./scan-controller";
import "./scan.css";

/** `/scan`: the door scanner, for door staff (the scanner role) and organizers. */
export function ScanPage() {
  return (
    <RequireRole
      roles={["scanner", "admin"]}
      denied={(user) => (
        <div className="container page-pad">
          <title>Door scanner · Frontrow</title>
          <div className="state" role="alert">
            <p className="state__title">The door scanner is for door staff</p>
            <p>You're signed in as {user.email}. An organizer can make this account door staff.</p>
          </div>
        </div>
      )}
    >
      <ScanSetupLoader />
    </RequireRole>
  );
}

type Setup = inferRouterOutputs<AppRouter>["tickets"]["scanSetup"];

function ScanSetupLoader() {
  // The public key and the events, fetched once: after that every code is checked without the network.
  const setup = trpc.tickets.scanSetup.useQuery(undefined, { staleTime: Infinity, gcTime: Infinity });
  if (setup.isError) {
    return (
      <div className="container page-pad">
        <title>Door scanner · Frontrow</title>
        <QueryErrorState title="We couldn't load the scanner" query={setup} />
      </div>
    );
  }
  if (setup.isPending) {
    return (
      <div className="container page-pad">
        <Spinner label="Loading the scanner" />
      </div>
    );
  }
  return <Scanner setup={setup.data} />;
}

function Scanner({ setup }: { setup: Setup }) {
  const id = useId();
  const utils = trpc.useUtils();
  const [searchParams, setSearchParams] = useSearchParams();
  const eventId = searchParams.get("event") ?? setup.events[0]?.id ?? "";
  const event = setup.events.find((entry) => entry.id === eventId);
  const controller = useMemo(
    () =>
      createScanController({
        publicKey: setup.publicKey,
        admit: (input) => utils.client.tickets.admit.mutate(input),
        // The scanner stands at the venue: its own clock is the venue's.
        formatTime: (at) => at.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" }),
      }),
    [setup.publicKey, utils],
  );
  const state = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const latest = state.results[0];

  if (!event) {
    return (
      <div className="container page-pad">
        <title>Door scanner · Frontrow</title>
        <div className="state">
          <p className="state__title">No event to scan for</p>
          <p>Events show here from their on-sale until 12 hours after they start.</p>
        </div>
      </div>
    );
  }

  return (
    <div className="scan-page container page-pad">
      <title>{`Door scanner · ${event.name} · Frontrow`}</title>
      <h1 className="scan-page__title">Door scanner</h1>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-event`}>
          Event at this door
        </label>
        <select
          id={`${id}-event`}
          className="input"
          value={event.id}
          onChange={(change) => setSearchParams({ event: change.target.value }, { replace: true })}
        >
          {setup.events.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.name} · {entry.venueName} · {formatEventDate(entry.startsAt, entry.timezone)}
            </option>
          ))}
        </select>
        <p className="field__hint">
          {event.allowPrintedTickets
            ? "Accepts the live code on the fan's ticket page and printed tickets."
            : "Accepts only the live code on the fan's ticket page: printed tickets and screenshots are refused."}
        </p>
      </div>

      <div className="scan-page__inputs">
        <Camera controller={controller} event={event} />
        <TypedCode controller={controller} event={event} busy={state.busy} />
      </div>

      <section aria-labelledby={`${id}-results`} className="scan-results">
        <h2 id={`${id}-results`} className="visually-hidden">
          Scans
        </h2>
        <div aria-live="assertive" aria-atomic="true">
          {latest ? <ResultCard result={latest} latest /> : <p className="scan-results__empty">Nothing scanned yet.</p>}
        </div>
        {state.results.length > 1 ? (
          <ol className="scan-results__list" aria-label="Earlier scans">
            {state.results.slice(1).map((result) => (
              <li key={result.id}>
                <ResultCard result={result} />
              </li>
            ))}
          </ol>
        ) : null}
      </section>
    </div>
  );
}

function ResultCard({ result, latest = false }: { result: ScanResult; latest?: boolean }) {
  return (
    <div className={`scan-result scan-result--${result.verdict}${latest ? " scan-result--latest" : ""}`} data-verdict={result.verdict}>
      <p className="scan-result__title">{result.title}</p>
      <p className="scan-result__detail">{result.detail}</p>
      <p className="scan-result__time">
        <time dateTime={result.at.toISOString()}>{result.at.toLocaleTimeString()}</time>
      </p>
    </div>
  );
}

type ScanEvent = Setup["events"][number];

/** Codes typed or pasted, or typed by a handheld scanner (which types the code and presses Enter). Always there. */
function TypedCode({ controller, event, busy }: { controller: ScanController; event: ScanEvent; busy: boolean }) {
  const id = useId();
  const [value, setValue] = useState("");
  const submit = (form: FormEvent) => {
    form.preventDefault();
    const code = value;
    setValue("");
    void controller.scan(event, code);
  };
  return (
    <form className="scan-typed" onSubmit={submit}>
      <label className="field__label" htmlFor={`${id}-code`}>
        Ticket code
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Paste a code, or use a handheld scanner here.
      </p>
      <div className="scan-typed__row">
        <input
          id={`${id}-code`}
          className="input"
          value={value}
          onChange={(change) => setValue(change.target.value)}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          autoFocus
        />
        <button type="submit" className="button button--primary" disabled={busy || value.trim() === ""}>
          {busy ? <Spinner /> : null}
          Check
        </button>
      </div>
    </form>
  );
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<Array<{ rawValue: string }>>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

function barcodeDetector(): DetectorClass | undefined {
  return (window as unknown as { BarcodeDetector?: DetectorClass }).BarcodeDetector;
}

/** The camera, where the browser has BarcodeDetector; started by a button, never by itself. */
function Camera({ controller, event }: { controller: ScanController; event: ScanEvent }) {
  const video = useRef<HTMLVideoElement>(null);
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const Detector = barcodeDetector();

  useEffect(() => {
    if (!running || !Detector) return;
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    const detector = new Detector({ formats: ["qr_code"] });
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const look = async () => {
          if (stopped || !video.current) return;
          try {
            const [found] = await detector.detect(video.current);
            if (found) await controller.scan(event, found.rawValue);
          } catch {
            // A frame the detector could not read: try the next one.
          }
          timer = window.setTimeout(() => void look(), 200);
        };
        void look();
      } catch {
        setProblem("The camera could not be started: allow it in the browser, or type the code below.");
        setRunning(false);
      }
    })();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [running, Detector, controller, event]);

  if (!Detector) {
    return <p className="scan-camera__none">This browser cannot read QR codes with the camera: use the code field.</p>;
  }
  return (
    <div className="scan-camera">
      <video ref={video} className="scan-camera__video" hidden={!running} muted playsInline aria-label="Camera view" />
      <button type="button" className="button button--secondary" onClick={() => setRunning((on) => !on)} aria-pressed={running}>
        {running ? "Stop camera" : "Scan with camera"}
      </button>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
