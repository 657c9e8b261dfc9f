// Worker thread: renders ticket PDFs so their ~tens of milliseconds of CPU per order never block the server's
// event loop (holds and seat-map pushes during an on-sale).
import { parentPort } from "node:worker_threads";
import { renderTicketsPdf } from "@frontrow/core/tickets-pdf";
import type { PdfJob, PdfResult } from "./pdf-pool";

async function render(job: PdfJob): Promise<void> {
  let result: PdfResult;
  try {
    result = { id: job.id, pdf: await renderTicketsPdf(job.order) };
  } catch (error) {
    result = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result, "pdf" in result ? [result.pdf.buffer as ArrayBuffer] : []);
}

// render never rejects: a failure is its result.
parentPort!.on("message", (job: PdfJob) => void render(job));
