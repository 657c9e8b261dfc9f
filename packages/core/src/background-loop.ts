/**
 * Runs `step` over and over until stopped, one run at a time: each run answers how long to wait before the next.
 * A run that fails hands its error to `onError`, and the next waits `retryMs`. `stop` waits for a run under way.
 */
export function startBackgroundLoop(
  step: () => Promise<number>,
  options: { retryMs: number | (() => number); onError?: ((error: unknown) => void) | undefined },
): { stop: () => Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const retryMs = () => (typeof options.retryMs === "number" ? options.retryMs : options.retryMs());
  const loop = () => {
    running = step().then(
      (waitMs) => {
        if (!stopped) timer = setTimeout(loop, waitMs);
      },
      (error: unknown) => {
        if (!stopped) timer = setTimeout(loop, retryMs());
        options.onError?.(error);
      },
    );
  };
  loop();
  const stop = async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
  return { stop };
}
