import { afterEach, describe, expect, it, vi } from "vitest";
import { startBackgroundLoop } from "./background-loop";

afterEach(() => {
  vi.useRealTimers();
});

describe("startBackgroundLoop", () => {
  it("waits what each run asks, retries after a failure, and stops after the run under way", async () => {
    vi.useFakeTimers();
    let runs = 0;
    const errors: unknown[] = [];
    let release: () => void = () => undefined;
    const lastRun = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const loop = startBackgroundLoop(
      async () => {
        runs++;
        if (runs === 2) throw new Error("second run fails");
        if (runs === 4) {
          await lastRun;
          finished = true;
        }
        return runs === 1 ? 0 : 40;
      },
      { retryMs: () => 5, onError: (error) => errors.push(error) },
    );
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toBe(2);
    expect(errors).toEqual([new Error("second run fails")]);
    // After a failure the next run waits retryMs.
    await vi.advanceTimersByTimeAsync(4);
    expect(runs).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(3);
    // After a run that succeeded, what it asked.
    await vi.advanceTimersByTimeAsync(39);
    expect(runs).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(4);

    const stopped = loop.stop();
    release();
    await stopped;
    expect(finished).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(4);
  });
});
