import { useCallback, useState } from "react";
import { trpc } from "../trpc";
import type { Hold, MyHold } from "./types";

/**
 * This fan's holds on one event (`holds.mine`, so a reload keeps them), with helpers that keep the cached list
 * in step when a hold is created, released or runs out.
 */
export function useMyHolds(eventId: string, signedIn: boolean) {
  const utils = trpc.useUtils();
  const query = trpc.holds.mine.useQuery(
    { eventId },
    { enabled: signedIn, staleTime: 15_000, refetchOnWindowFocus: true, retry: false },
  );
  // Holds whose countdown ran out here stay gone, even if a refetch races the server's sweeper.
  const [expired, setExpired] = useState<ReadonlySet<string>>(() => new Set());
  // How far the server's clock is ahead of ours, learnt from each new hold (its expiry minus the hold time).
  const [clockOffsetMs, setClockOffsetMs] = useState(0);
  const holds: MyHold[] = signedIn ? (query.data ?? []).filter((hold) => !expired.has(hold.holdId)) : [];

  const added = useCallback(
    (hold: Hold, holdSeconds: number) => {
      setClockOffsetMs(hold.expiresAt.getTime() - holdSeconds * 1000 - Date.now());
      utils.holds.mine.setData({ eventId }, (current) => [
        ...(current ?? []).filter((existing) => existing.holdId !== hold.holdId),
        { ...hold, sections: hold.sections ?? [], status: "active" as const },
      ]);
      void utils.holds.mine.invalidate({ eventId });
    },
    [utils, eventId],
  );

  const removed = useCallback(
    (holdId: string) => {
      utils.holds.mine.setData({ eventId }, (current) => current?.filter((hold) => hold.holdId !== holdId));
      void utils.holds.mine.invalidate({ eventId });
    },
    [utils, eventId],
  );

  const expire = useCallback(
    (holdId: string) => {
      setExpired((current) => new Set(current).add(holdId));
      removed(holdId);
    },
    [removed],
  );

  return { holds, query, added, removed, expire, clockOffsetMs };
}
