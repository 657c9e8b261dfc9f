import http from "node:http";

/**
 * JSON over keep-alive HTTP/1.1 connections straight from node:http, for the closed-loop benchmarks: a fetch
 * (undici) call with its AbortSignals and the tRPC client around it costs the generator 1–3 ms of CPU per request
 * on this machine, more than the servers it measures; this costs about a tenth of a millisecond.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export interface LeanResponse {
  status: number;
  body: unknown;
}

/** Answers with the status and parsed body, or rejects with a `code` (TIMEOUT, NETWORK:<socket error>). */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 15_000) {
  const data = JSON.stringify(body);
  return new Promise<LeanResponse>((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data), ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => {
          try {
            resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: text });
          }
        });
        response.on("error", (error) => reject(Object.assign(error, { code: "NETWORK" })));
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(Object.assign(new Error("timeout"), { code: "TIMEOUT" })));
    request.on("error", (error: Error & { code?: string }) =>
      reject(Object.assign(error, { code: error.code === "TIMEOUT" ? "TIMEOUT" : `NETWORK:${error.code ?? "?"}` })),
    );
    request.end(data);
  });
}

/** The code of a failed postJson. */
export const leanErrorCode = (error: unknown) => String((error as { code?: unknown }).code ?? "NETWORK");

/** Closes the idle kept-alive connections (at the end of a run). */
export function closeLeanConnections(): void {
  agent.destroy();
}
