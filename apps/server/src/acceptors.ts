import { spawn } from "node:child_process";
import cluster from "node:cluster";
import type http from "node:http";
import net from "node:net";

/**
 * How many connections a busy process takes from the kernel per turn of its event loop (see `addAcceptors`). A
 * turn of a saturated process lasts up to a few hundred milliseconds (it handles everything that arrived
 * meanwhile); with 16 per turn the queue still grew to 3,000 while 20,000 fans joined, with 64 it did not.
 */
export const ACCEPTORS = 64;

/**
 * The child's whole program: it receives the listening socket once and sends it back each time it is asked. Every copy
 * that crosses the IPC channel arrives as a new file descriptor for the same socket (SCM_RIGHTS), which is how a
 * process duplicates a descriptor when the language gives it no dup(2).
 */
const DUPLICATOR = `
let listener;
process.on("message", (message, handle) => {
  if (handle) listener = handle;
  if (message.done) {
    listener.close();
    process.disconnect();
    return;
  }
  process.send({ copy: true }, listener);
});
`;

/**
 * Lets `server` take up to `count` new connections per turn of the event loop instead of one.
 *
 * Since libuv 1.45 (Node 20.3 and later) a listening socket accepts one connection per turn of the event loop
 * (libuv/libuv#3696; measured in nodejs/performance#95). Under an on-sale's load a turn lasts tens of
 * milliseconds, so a process took 20–40 new connections a second while waiting fans opened hundreds: the kernel's
 * queue filled (4,096), their SYNs were dropped, and they got in 1, 3, 7, 15… s later or timed out. Each extra
 * descriptor of the same listening socket is polled on its own, so every turn accepts once per descriptor.
 *
 * Only for a process that owns its listening socket (not a cluster worker, whose connections come from the
 * primary). Returns a function that stops the extra listeners; on any failure the server keeps its one listener.
 */
export async function addAcceptors(
  server: http.Server,
  count: number,
  backlog: number,
  onFailure: (error: unknown) => void,
): Promise<() => Promise<void>> {
  const listener = (server as unknown as { _handle?: object })._handle;
  if (count <= 1 || cluster.isWorker || !listener) return async () => undefined;
  let copies: unknown[];
  try {
    copies = await duplicateListener(listener, count - 1);
  } catch (error) {
    onFailure(error);
    return async () => undefined;
  }
  const extras = copies.map((handle) => {
    // The same socket options as Node's HTTP server gives its own connections.
    const extra = net.createServer({ allowHalfOpen: true, noDelay: true });
    extra.on("connection", (socket) => server.emit("connection", socket));
    extra.listen(handle as net.ListenOptions, backlog);
    return extra;
  });
  return async () => {
    await Promise.all(extras.map((extra) => new Promise<void>((resolve) => extra.close(() => resolve()))));
  };
}

/** `count` new descriptors of `listener`'s socket, through a short-lived child process. */
function duplicateListener(listener: object, count: number): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", DUPLICATOR], {
      stdio: ["ignore", "ignore", "inherit", "ipc"],
      // Not this process's flags (--cpu-prof, --inspect-port…): the child only passes descriptors on.
      env: { ...process.env, NODE_OPTIONS: "" },
    });
    const copies: unknown[] = [];
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("the listener duplicator did not answer within 10 s"));
    }, 10_000);
    // One copy at a time: a handle still queued in the child when it exits would be lost.
    child.on("message", (_message, handle) => {
      copies.push(handle);
      if (copies.length < count) return child.send({});
      child.send({ done: true });
      clearTimeout(timer);
      resolve(copies);
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      if (copies.length === count) return;
      clearTimeout(timer);
      reject(
        new Error(`the listener duplicator exited with ${code} after ${copies.length} of ${count} copies`),
      );
    });
    child.send({}, listener as net.Server);
  });
}
