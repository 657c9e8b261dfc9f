import type { FanClient } from "../client/fan-client";
import type { SeatView } from "../client/seat-view";
import { ClientLedger } from "../invariants/client-ledger";
import type { InvariantResult } from "../invariants/invariant-result";
import { openCpuWindow, type CpuSource, type CpuUse } from "../metrics/cpu-window";
import type { ProcessSampler } from "../metrics/process-sampler";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { format } from "../report/format";
import { pickFreeBlock, type SeatRow } from "../setup/seat-rows";
import type { Random } from "../util/random";
import { releaseOpenHolds, runHoldRace, type HoldTarget } from "./hold-race-load";
import { resourceSummary } from "./resource-summary";

/** How long each side runs the loop untimed before its window opens. */
const WARM_UP_MS = 3_000;

/** One server the closed loop runs against: Frontrow, or the naive strategy server. */
export interface CapacitySide {
  name: string;
  target: HoldTarget;
  /** The fans, signed in and talking to this side's server. */
  fans: FanClient[];
  /** The shared seat view the fans pick free seats from. */
  openView(): Promise<SeatView>;
  /** What to measure the CPU of: the server's process tree, Postgres, Redis. */
  cpuSources: CpuSource[];
  /** Lets go of the holds left open when the time was up, then checks this phase's holds. */
  check(ledger: ClientLedger, open: Array<{ fan: FanClient; holdId: string }>): Promise<InvariantResult[]>;
}

export interface CapacityPhase {
  side: string;
  fans: number;
  recorder: Recorder;
  /** Length of the timed window, s. */
  seconds: number;
  cpu: CpuUse;
  viewUpdates: number;
  invariants: InvariantResult[];
  /** On the run clock. */
  window: [number, number];
}

export interface PhaseConfig {
  eventId: string;
  rows: SeatRow[];
  durationS: number;
  sampler: ProcessSampler;
  random: Random;
  signal: AbortSignal;
}

/**
 * `fanCount` fans in a closed loop against one side for the phase's time: each picks a random block of 1–4
 * side-by-side seats that the shared view shows free (and that the fan was not just refused), holds it and
 * releases it as soon as it has it, and picks again at once after a conflict. CPU is read at both ends of the
 * timed window, which opens after a 3 s untimed warm-up of the same loop.
 */
export async function runCapacityPhase(
  side: CapacitySide,
  fanCount: number,
  config: PhaseConfig,
): Promise<CapacityPhase> {
  const { sampler, random } = config;
  const view = await side.openView();
  const ledger = new ClientLedger();
  let open: Array<{ fan: FanClient; holdId: string }>;
  let cpu: CpuUse;
  let recorder: Recorder;
  let seconds: number;
  const from = sampler.now();
  const race = (durationMs: number, recorder: Recorder, ledger: ClientLedger) =>
    runHoldRace({
      fans: side.fans.slice(0, fanCount),
      eventId: config.eventId,
      rows: config.rows,
      durationMs,
      target: side.target,
      recorder,
      ledger,
      random,
      signal: config.signal,
      thinkMs: [0, 0],
      backoffMs: [0, 0],
      pickSeats: (quantity, refused) =>
        pickFreeBlock(config.rows, quantity, random, (seatId) => refused.has(seatId) || view.isTaken(seatId)),
    });
  try {
    // Untimed: a server started a moment ago is still compiling its hot paths and filling its session cache.
    const warmLedger = new ClientLedger();
    await releaseOpenHolds(side.target, warmLedger, await race(WARM_UP_MS, new Recorder(), warmLedger));
    const window = await openCpuWindow(side.cpuSources);
    recorder = new Recorder();
    const progress = new ProgressLine(() => {
      const t = recorder.elapsed();
      return (
        `capacity ${side.name} ${fanCount} fans ${Math.min(t, config.durationS).toFixed(0)}/${config.durationS}s` +
        ` | holds ${format.int(recorder.total("held"))} (${format.rate(recorder.total("held") / Math.max(0.1, t))}/s)` +
        ` | conflicts ${format.int(recorder.total("conflict"))} | errors ${format.int(recorder.total("error"))}` +
        ` | hold p99 ${format.ms(recorder.summary("hold.ok").p99)} | ${resourceSummary(sampler)}`
      );
    });
    try {
      open = await race(config.durationS * 1000, recorder, ledger);
      cpu = await window.close();
      seconds = recorder.elapsed();
    } finally {
      progress.stop();
    }
  } finally {
    await view.close();
  }
  const to = sampler.now();
  return {
    side: side.name,
    fans: fanCount,
    recorder,
    seconds,
    cpu,
    viewUpdates: view.updates,
    invariants: await side.check(ledger, open),
    window: [from, to],
  };
}
