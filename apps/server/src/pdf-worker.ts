// Worker thread: renders ticket PDFs so their ~tens of milliseconds of CPU per order never block the server's
// event loop (holds and seat-map pushes during an on-sale).
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
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

// A confirmation mail's PDF can wait a while; holds and checkouts sharing these cores cannot. In the fault drill the
// mail renderer of a busy instance used 0.4 of a core beside its request workers. On Linux a nice value belongs to a
// thread (pid 0 is the calling thread), so this lowers the renderer alone; where that is not allowed, it renders as
// before. 10, not 19: at 19 a saturated machine starved it for minutes, and the outbox waits for each PDF in turn.
if ((workerData as { background?: boolean } | undefined)?.background) {
  try {
    setPriority(10);
  } catch {
    // not permitted here: same priority as the server
  }
}

// render never rejects: a failure is its result.
parentPort!.on("message", (job: PdfJob) => void render(job));
