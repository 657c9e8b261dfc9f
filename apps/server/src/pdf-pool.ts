import { Worker } from "node:worker_threads";
import type { Order, TicketsPdfRenderer } from "@frontrow/core";

/** Node 20 does not apply --import loaders to a worker's entry, so in development tsx loads it explicitly. */
function workerFromSource(url: URL): Worker {
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const load = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(url.href)}))`;
  return new Worker(load, { eval: true });
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

/**
 * Ticket PDFs rendered on worker threads, handed out round-robin. A worker that dies fails its jobs and is
 * replaced; the pool never falls back to rendering on the event loop.
 */
export function createPdfPool(options: { size: number; onError?: (error: Error) => void }) {
  // Built, the worker sits next to main.js; in development (tsx) next to this file, as TypeScript.
  const fromSource = import.meta.url.endsWith(".ts");
  const workerUrl = new URL(fromSource ? "./pdf-worker.ts" : "./pdf-worker.js", import.meta.url);
  const pending = new Map<number, Pending>();
  let nextJob = 0;
  let nextWorker = 0;
  let closing = false;

  const start = (): { worker: Worker; jobs: Set<number> } => {
    const slot = { worker: fromSource ? workerFromSource(workerUrl) : new Worker(workerUrl), jobs: new Set<number>() };
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
      for (const id of slot.jobs) {
        pending.get(id)?.reject(new Error(`PDF worker exited (${code})`));
        pending.delete(id);
      }
      if (!closing) slots[slots.indexOf(slot)] = start();
    });
    return slot;
  };
  const slots = Array.from({ length: Math.max(1, options.size) }, start);

  const render: TicketsPdfRenderer = (order) =>
    new Promise((resolve, reject) => {
      const id = nextJob++;
      const slot = slots[nextWorker++ % slots.length]!;
      pending.set(id, { resolve, reject });
      slot.jobs.add(id);
      slot.worker.postMessage({ id, order } satisfies PdfJob);
    });

  return {
    render,
    async close() {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
