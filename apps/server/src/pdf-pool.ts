import { Worker } from "node:worker_threads";
import type { Order, TicketsPdfRenderer } from "@frontrow/core";

/** Node 20 does not apply --import loaders to a worker's entry, so in development tsx loads it explicitly. */
function workerFromSource(url: URL, workerData: unknown): Worker {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const load = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(load, { eval: true, workerData });
}

export interface PdfJob {
  id: number;
  order: Order;
}
export type PdfResult = { id: number; pdf: Uint8Array } | { id: number; error: string };

interface Pending {
  resolve: (pdf: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  jobs: Set<number>;
  alive: boolean;
}

/**
 * Ticket PDFs rendered on worker threads, handed out round-robin; the pool never renders on the event loop. A
 * worker that dies fails its jobs and is started again only when the next job needs it, so a worker that cannot
 * start fails each request instead of restarting in a loop.
 */
export function createPdfPool(options: {
  size: number;
  onError?: (error: Error) => void;
  /** For mail in the background: its threads run at a lower CPU priority than requests (a fan's download does not). */
  background?: boolean;
}) {
  // Built, the worker sits next to main.js; in development (tsx) next to this file, as TypeScript.
  const fromSource = import.meta.url.endsWith(".ts");
  const workerUrl = new URL(fromSource ? "./pdf-worker.ts" : "./pdf-worker.js", import.meta.url);
  const pending = new Map<number, Pending>();
  const slots: Array<Slot | undefined> = Array.from({ length: Math.max(1, options.size) });
  let nextJob = 0;
  let nextSlot = 0;

  const start = (): Slot => {
    const workerData = { background: options.background ?? false };
    const worker = fromSource
      ? workerFromSource(workerUrl, workerData)
      : new Worker(workerUrl, { workerData });
    const slot: Slot = { worker, jobs: new Set(), alive: true };
    slot.worker.unref();
    slot.worker.on("message", (result: PdfResult) => {
      const job = pending.get(result.id);
      pending.delete(result.id);
      slot.jobs.delete(result.id);
      if (!job) return;
      if ("pdf" in result) job.resolve(result.pdf);
      else job.reject(new Error(`ticket PDF failed: ${result.error}`));
    });
    slot.worker.on("error", (error) => options.onError?.(error));
    slot.worker.on("exit", (code) => {
      slot.alive = false;
      for (const id of slot.jobs) {
        pending.get(id)?.reject(new Error(`PDF worker exited (${code})`));
        pending.delete(id);
      }
    });
    return slot;
  };

  const render: TicketsPdfRenderer = (order) =>
    new Promise((resolve, reject) => {
      const id = nextJob++;
      const index = nextSlot++ % slots.length;
      let slot = slots[index];
      if (!slot?.alive) slots[index] = slot = start();
      pending.set(id, { resolve, reject });
      slot.jobs.add(id);
      slot.worker.postMessage({ id, order } satisfies PdfJob);
    });

  return {
    render,
    async close() {
      await Promise.all(slots.map((slot) => slot?.worker.terminate()));
    },
  };
}
