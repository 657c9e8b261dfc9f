import WebSocket from "ws";
import { sleep } from "../util/sleep";

async function debuggerUrl(inspectPort: number): Promise<string | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${inspectPort}/json/list`, {
      signal: AbortSignal.timeout(1_000),
    });
    const targets = (await response.json()) as Array<{ webSocketDebuggerUrl?: string }>;
    return targets[0]?.webSocketDebuggerUrl;
  } catch {
    return undefined;
  }
}

/**
 * Forces a full garbage collection in a Node process started with `--inspect-port=127.0.0.1:<inspectPort>`: opens its
 * inspector (SIGUSR1, as `node inspect -p` does) if it is not open yet, then sends `HeapProfiler.collectGarbage`.
 * Memory read right after it is what live objects hold, not what garbage happens to be left. False if it failed.
 */
export async function collectGarbage(pid: number, inspectPort: number): Promise<boolean> {
  let url = await debuggerUrl(inspectPort);
  if (!url) {
    process.kill(pid, "SIGUSR1");
    for (let waited = 0; !url && waited < 3_000; waited += 100) {
      await sleep(100);
      url = await debuggerUrl(inspectPort);
    }
  }
  if (!url) return false;
  const socket = new WebSocket(url);
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 10_000);
    socket.once("error", () => done(false));
    socket.once("open", () => socket.send(JSON.stringify({ id: 1, method: "HeapProfiler.collectGarbage" })));
    socket.on("message", (data) => {
      if ((JSON.parse(data.toString()) as { id?: number }).id === 1) done(true);
    });
  });
}
