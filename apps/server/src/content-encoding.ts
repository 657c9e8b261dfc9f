import type { IncomingMessage } from "node:http";

/** The better of the encodings we serve that the client accepts: brotli, then gzip, else none. */
export function acceptedEncoding(req: IncomingMessage): "br" | "gzip" | null {
  const accepted = String(req.headers["accept-encoding"] ?? "");
  if (/\bbr\b/.test(accepted)) return "br";
  if (/\bgzip\b/.test(accepted)) return "gzip";
  return null;
}
