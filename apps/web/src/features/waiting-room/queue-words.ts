import { formatCount } from "../../lib/format";
import type { QueueStatus } from "./types";

/** `1` → "1 person", `1234` → "1,234 people". */
export function peopleCount(count: number): string {
  return `${formatCount(count)} ${count === 1 ? "person" : "people"}`;
}

/** "N people ahead of you", or that nobody is. */
export function aheadPhrase(ahead: number): string {
  if (ahead <= 0) return "Nobody is ahead of you. You're next!";
  return `${peopleCount(ahead)} ahead of you`;
}

/** An estimated wait in words: "less than a minute", "about 4 minutes", "about 1 hour 15 minutes". */
export function formatWait(seconds: number): string {
  if (seconds <= 45) return "less than a minute";
  if (seconds < 90) return "about a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minutes`;
  // Past an hour, five minutes is precise enough.
  const rounded = Math.round(minutes / 5) * 5;
  const hours = Math.floor(rounded / 60);
  const rest = rounded % 60;
  const hourText = `${hours} ${hours === 1 ? "hour" : "hours"}`;
  return rest === 0 ? `about ${hourText}` : `about ${hourText} ${rest} minutes`;
}

/** "10 minutes", "1 minute", "90 seconds" for a window length (rounded to whole minutes from 2 minutes up). */
export function formatWindow(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 120) return `${seconds} ${seconds === 1 ? "second" : "seconds"}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minutes`;
}

/** Coarse wait buckets (minutes) for announcements: small steps near the front, big ones far back. */
const WAIT_BUCKETS = [1, 2, 3, 4, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240];

function waitBucket(seconds: number): number {
  const minutes = seconds / 60;
  const index = WAIT_BUCKETS.findIndex((limit) => minutes <= limit);
  return index === -1 ? WAIT_BUCKETS.length : index;
}

/** Milestones on the way to the front: fewer than 10,000 … fewer than 10 ahead, then "next". */
const AHEAD_MILESTONES = [10_000, 5_000, 1_000, 500, 100, 50, 10];

function aheadMilestone(ahead: number): number {
  if (ahead <= 0) return AHEAD_MILESTONES.length + 1;
  let reached = 0;
  AHEAD_MILESTONES.forEach((limit, index) => {
    if (ahead < limit) reached = index + 1;
  });
  return reached;
}

/*
 * The announcer's words deliberately differ from the visible text ("You are number…", "It's your turn"), so a
 * page query for that text finds one element.
 */

/** What the screen-reader announcer last said, to decide whether a new status is worth a word. */
export interface Announced {
  key: string;
  state: QueueStatus["state"];
  milestone: number;
  bucket: number;
}

/**
 * A polite announcement for `status`, or `null` when nothing worth interrupting for has changed: the state
 * changed, a milestone ("fewer than 100 ahead") was passed, or the coarse wait went down (or up by more than one
 * step, so a jittery estimate does not chatter).
 */
export function nextAnnouncement(
  status: QueueStatus,
  last: Announced | null,
): { text: string; announced: Announced } | null {
  if (status.state !== "waiting") {
    const key = status.state;
    if (last?.key === key) return null;
    const text =
      status.state === "pre_queue"
        ? "You're in the pre-queue. You'll get a random place in line when the sale opens."
        : status.state === "admitted"
          ? "Your turn has come! Taking you to the seat map."
          : status.state === "expired"
            ? "Your shopping window ended."
            : "You're not in the line.";
    return { text, announced: { key, state: status.state, milestone: 0, bucket: 0 } };
  }
  const ahead = status.ahead ?? Math.max(0, (status.position ?? 1) - 1);
  const milestone = aheadMilestone(ahead);
  const bucket = status.etaSeconds === undefined ? -1 : waitBucket(status.etaSeconds);
  const wait = status.etaSeconds === undefined ? "" : ` Estimated wait: ${formatWait(status.etaSeconds)}.`;
  const position = status.position ?? ahead + 1;
  if (last?.state !== "waiting") {
    return {
      text: `Now in line at place ${formatCount(position)}.${wait}`,
      announced: { key: `waiting:${milestone}:${bucket}`, state: "waiting", milestone, bucket },
    };
  }
  const passedMilestone = milestone > last.milestone;
  const waitChanged = bucket !== -1 && (bucket < last.bucket || bucket > last.bucket + 1);
  if (!passedMilestone && !waitChanged) return null;
  const lead =
    ahead <= 0
      ? "You're next in line."
      : passedMilestone
        ? `Fewer than ${formatCount(AHEAD_MILESTONES[milestone - 1] ?? ahead + 1)} people are ahead of you.`
        : `Now at place ${formatCount(position)} in line.`;
  return {
    text: `${lead}${wait}`,
    announced: {
      key: `waiting:${milestone}:${bucket}`,
      state: "waiting",
      // Keep the furthest milestone reached, so falling back a little never repeats one.
      milestone: Math.max(milestone, last.milestone),
      bucket,
    },
  };
}

/**
 * Steadies the estimate shown while waiting: the server's figure wobbles between the exact and the measured
 * admission rate, so a new estimate replaces the shown one only when the fan moved, or when it differs by more
 * than 30 seconds and a quarter.
 */
export function steadyEta(
  next: QueueStatus,
  shown: { position: number; etaSeconds: number } | null,
): number | undefined {
  const eta = next.etaSeconds;
  if (eta === undefined || !shown || next.position !== shown.position) return eta;
  const difference = Math.abs(eta - shown.etaSeconds);
  return difference > Math.max(30, shown.etaSeconds / 4) ? eta : shown.etaSeconds;
}
