import type { IncomingMessage, ServerResponse } from "node:http";
import { readCookie, SESSION_COOKIE, type ApiDeps } from "@frontrow/api";
import { getOrder, isDomainError, validateSessionToken, type TicketsPdfRenderer } from "@frontrow/core";

/** Only a real UUID reaches the query: a forged id ("-" × 36) is no route (404), not a failed query (500). */
const ROUTE = /^\/api\/orders\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/tickets\.pdf$/i;

/** GET /api/orders/:orderId/tickets.pdf — the signed-in fan's tickets as a PDF download. */
export async function serveTicketsPdf(
  deps: Pick<ApiDeps, "db" | "clock" | "tickets"> & { renderPdf: TicketsPdfRenderer },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const match = ROUTE.exec(path);
  if (!match || req.method !== "GET") return false;
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const session = token ? await validateSessionToken(deps, token) : null;
  const reply = (status: number, message: string) => {
    res.statusCode = status;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ error: message }));
  };
  if (!session) {
    reply(401, "Sign in to download your tickets");
    return true;
  }
  try {
    const order = await getOrder(deps, { orderId: match[1]!, userId: session.user.id, rotatingKeys: false });
    const pdf = await deps.renderPdf(order);
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/pdf");
    res.setHeader("Content-Disposition", `attachment; filename="frontrow-tickets-${order.id.slice(0, 8)}.pdf"`);
    res.setHeader("Cache-Control", "private, no-store");
    res.end(Buffer.from(pdf));
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") reply(404, "This order does not exist");
    else throw error;
  }
  return true;
}
