/**
 * An AbortSignal that aborts with a TimeoutError after `ms`, safe to combine with AbortSignal.any.
 *
 * On Node 20, `AbortSignal.any([AbortSignal.timeout(ms)])` handed to fetch never fires: the timeout signal is only
 * weakly held by the combined one and its timer goes with it, so a request to a server that never answers hangs
 * for good. A timer that holds its controller keeps the signal alive until it fires.
 */
export function timeoutSignal(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(
    () => controller.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError")),
    ms,
  ).unref();
  return controller.signal;
}
