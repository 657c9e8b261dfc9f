import { skipToken } from "@tanstack/react-query";
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { clearAccessPass, saveAccessPass } from "../../lib/access-pass";
import { browserCheck } from "../../lib/browser-check";
import { trpc } from "../../trpc";
import { clearStartAhead, readStartAhead, writeStartAhead } from "./progress-store";
import { nextAnnouncement, steadyEta, type Announced } from "./queue-words";
import type { QueueStatus } from "./types";

export type QueueConnection = "idle" | "connecting" | "live" | "reconnecting" | "offline";

/**
 * The fan's place in an event's waiting room. On open: reads the status and, unless the fan's shopping window
 * has just ended (they get to choose to rejoin), joins the line (idempotent: a refresh, another tab or another
 * device keeps the same place). Then `queue.onStatus` pushes every change; nothing is polled.
 */
export function useQueueRoom(eventId: string, enabled: boolean) {
  const utils = trpc.useUtils();
  const [status, setStatus] = useState<QueueStatus | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  // Subscribed only while the fan holds a place we just read: switched off around leave/join so a push computed
  // from the old place can't overwrite the new one.
  const [live, setLive] = useState(false);
  const [leftHere, setLeftHere] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [startAhead, setStartAhead] = useState<number | null>(() => readStartAhead(eventId));
  const [announcement, setAnnouncement] = useState("");
  const announced = useRef<Announced | null>(null);
  const shownEta = useRef<{ position: number; etaSeconds: number } | null>(null);
  const leave = trpc.queue.leave.useMutation();
  const join = trpc.queue.join.useMutation();
  /** A high-demand event's line needs a proof-of-work per join: solved unseen first. */
  const proofOfWork = async () => browserCheck(await utils.client.auth.challenge.query({ eventId }));

  /** Takes a status from any source: the screen, the stored pass, the progress start and the announcer. */
  function apply(incoming: QueueStatus) {
    let next = incoming;
    if (next.state === "waiting") {
      const etaSeconds = steadyEta(next, shownEta.current);
      next = { ...next, etaSeconds };
      shownEta.current =
        next.position !== undefined && etaSeconds !== undefined
          ? { position: next.position, etaSeconds }
          : null;
    } else {
      shownEta.current = null;
    }
    setStatus(next);
    if (next.state === "admitted" && next.accessPass && next.admittedUntil) {
      saveAccessPass(eventId, next.accessPass, next.admittedUntil);
    }
    if (next.state === "waiting") {
      const ahead = next.ahead ?? Math.max(0, (next.position ?? 1) - 1);
      const stored = readStartAhead(eventId);
      const start = stored === null || ahead > stored ? ahead : stored;
      if (start !== stored) writeStartAhead(eventId, start);
      setStartAhead(start);
    } else if (next.state !== "pre_queue") {
      clearStartAhead(eventId);
    }
    const said = nextAnnouncement(next, announced.current);
    if (said) {
      announced.current = said.announced;
      setAnnouncement(said.text);
    }
  }

  const opened = useEffectEvent((next: QueueStatus, subscribe: boolean) => {
    apply(next);
    setLive(subscribe);
  });
  const failed = useEffectEvent((error: unknown) => setOpenError(error));

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void (async () => {
      const current = await utils.client.queue.status.query({ eventId });
      if (cancelled) return;
      // A window that just ended is shown as such; rejoining (at the back) is the fan's choice.
      if (current.state === "expired") return opened(current, false);
      const check = await browserCheck(await utils.client.auth.challenge.query({ eventId }));
      const joined = await utils.client.queue.join.mutate({ eventId, proofOfWork: check });
      if (!cancelled) opened(joined, true);
    })().catch((error: unknown) => {
      if (!cancelled) failed(error);
    });
    return () => {
      cancelled = true;
    };
  }, [enabled, eventId, attempt, utils]);

  const subscription = trpc.queue.onStatus.useSubscription(live ? { eventId } : skipToken, {
    onData: (next) => apply(next),
  });

  let connection: QueueConnection = "idle";
  if (live) {
    if (subscription.status === "pending") connection = "live";
    else if (subscription.status === "error") connection = "offline";
    else if (subscription.status === "connecting" && subscription.error) connection = "reconnecting";
    else connection = "connecting";
  }

  /** Gives the place up. Resolves to whether it worked (the error is in `actionError`). */
  async function leaveLine(): Promise<boolean> {
    setActionError(null);
    setLive(false);
    try {
      await leave.mutateAsync({ eventId });
    } catch (error) {
      setActionError(error);
      setLive(true);
      return false;
    }
    clearAccessPass(eventId);
    clearStartAhead(eventId);
    setStartAhead(null);
    setLeftHere(true);
    apply({ state: "none", startsAt: status?.startsAt ?? new Date(), fairness: status?.fairness });
    return true;
  }

  /** Joins (again): after leaving, or after the shopping window ended (which first gives the old place up). */
  async function joinLine(): Promise<void> {
    setActionError(null);
    setLive(false);
    try {
      if (status?.state === "expired" || status?.state === "admitted") await leave.mutateAsync({ eventId });
      clearStartAhead(eventId);
      setStartAhead(null);
      const next = await join.mutateAsync({ eventId, proofOfWork: await proofOfWork() });
      setLeftHere(false);
      apply(next);
      setLive(true);
    } catch (error) {
      setActionError(error);
      if (status && status.state !== "none" && status.state !== "expired") setLive(true);
    }
  }

  /** Reads the exact status once (e.g. right after the sale opened, in case a push is slow to come). */
  async function resync(): Promise<void> {
    try {
      apply(await utils.client.queue.status.query({ eventId }));
    } catch {
      // the live feed will bring it
    }
  }

  return {
    status,
    loading: enabled && status === null && openError === null,
    openError,
    retryOpen: () => {
      setOpenError(null);
      setAttempt((value) => value + 1);
    },
    connection,
    reconnect: () => subscription.reset(),
    leftHere,
    startAhead,
    announcement,
    leaveLine,
    joinLine,
    resync,
    actionError,
    busy: leave.isPending || join.isPending,
  };
}
