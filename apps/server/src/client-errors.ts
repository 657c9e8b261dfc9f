import { STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";

/** What Node's HTTP parser refuses before any handler runs, and the message the client gets with it. */
function refusalOf(code: string | undefined): [number, string] {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return [431, "The request's URL and headers are too large (16 KB at most): send large input in a POST body"];
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return [408, "The request took too long to arrive"];
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return [413, "Request body chunk extensions too large"];
    default:
      return [400, "Malformed HTTP request"];
  }
}

/**
 * A request Node cannot parse (a URL over 16 KB, an invalid method or header, a body sent too slowly) is answered by
 * Node with a bare status line; this answers the same status with a JSON message, as every other refusal has.
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // Node's own handler looks here too: a response already started on this connection cannot be followed by ours.
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, message] = refusalOf(error.code);
    const body = JSON.stringify({ error: message });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
