import { createReadStream, existsSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { setPageSecurityHeaders } from "./security";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves the built SPA. Hashed assets are cached for a year; any other GET that is not a file gets index.html
 * so client-side routes survive a reload. Returns false when there is no build to serve.
 */
export function createStaticHandler(root: string) {
  const index = path.join(root, "index.html");
  return function serveStatic(req: IncomingMessage, res: ServerResponse): boolean {
    if (!existsSync(index)) return false;
    const url = new URL(req.url ?? "/", "http://local");
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      pathname = "/";
    }
    const file = path.join(root, path.normalize(pathname));
    const insideRoot = file.startsWith(root + path.sep);
    const isFile = insideRoot && existsSync(file) && statSync(file).isFile();
    // A missing asset is a 404, not the app: the browser asked for a script, not a page. Only a real file
    // extension counts: client routes may contain dots too (hold ids are `<eventId>.<uuid>`).
    const looksLikeFile = /^\.[a-z0-9]{1,8}$/i.test(path.extname(pathname));
    if (!isFile && (pathname.startsWith("/assets/") || looksLikeFile)) return false;
    // Source maps would hand out the SPA's source: they are built for local debugging, not served.
    if (path.extname(pathname).toLowerCase() === ".map") return false;
    const target = isFile ? file : index;
    const isAsset = isFile && pathname.startsWith("/assets/");
    res.statusCode = 200;
    res.setHeader("Content-Type", contentTypes[path.extname(target)] ?? "application/octet-stream");
    res.setHeader("Cache-Control", isAsset ? "public, max-age=31536000, immutable" : "no-cache");
    res.setHeader("X-Content-Type-Options", "nosniff");
    if (path.extname(target) === ".html") setPageSecurityHeaders(req, res);
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    createReadStream(target).pipe(res);
    return true;
  };
}
