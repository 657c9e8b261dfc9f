/** A readiness probe: true when GET http://127.0.0.1:<port><path> answers 2xx within a second. */
export function httpReady(port: number, path: string): () => Promise<boolean> {
  return async () => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1_000) });
      return response.ok;
    } catch {
      return false;
    }
  };
}
