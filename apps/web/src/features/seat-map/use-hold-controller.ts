import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from "react";
import { useLocation, useNavigate } from "react-router";
import { loadAccessPass } from "../../lib/access-pass";
import type { EventDetail } from "../../lib/types";
import { trpc } from "../../trpc";
import { HoldController } from "./hold-controller";
import { rememberOwnChange } from "./seat-map-parts";
import type { SeatModel } from "./seat-model";
import type { MyHold } from "./types";

const NO_HOLDS: MyHold[] = [];

function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled (privacy settings, sandboxed frame)
  }
}

/**
 * The fan's hold workflow on an event's map (a HoldController), wired to the API, the router and the fan's
 * holds list (`holds.mine`, so a reload keeps them); its state read with useSyncExternalStore.
 */
export function useHoldController(options: {
  event: EventDetail;
  model: SeatModel | null;
  signedIn: boolean;
  interactive: boolean;
  reloadMap: () => void;
  showSeats: (indexes: readonly number[]) => void;
}) {
  const { event, model, signedIn, interactive } = options;
  const eventId = event.id;
  const utils = trpc.useUtils();
  const navigate = useNavigate();
  const location = useLocation();
  const myHolds = trpc.holds.mine.useQuery(
    { eventId },
    { enabled: signedIn, staleTime: 15_000, refetchOnWindowFocus: true, retry: false },
  );

  const [controller] = useState(() => new HoldController(eventId));
  // What the controller calls out to, as the latest render sees it (where to come back after signing in…).
  useLayoutEffect(() => {
    controller.setPorts({
      createHold: (input) => utils.client.holds.create.mutate(input),
      releaseHold: (holdId) => utils.client.holds.release.mutate({ holdId }),
      accessPass: () => (event.waitingRoom ? loadAccessPass(eventId)?.pass : undefined),
      holdAdded(hold) {
        // A reload right after must show the hold: the next status read asks for one at least this recent.
        rememberOwnChange(eventId, hold.seq);
        utils.holds.mine.setData({ eventId }, (current) => [
          ...(current ?? []).filter((existing) => existing.holdId !== hold.holdId),
          { ...hold, sections: hold.sections ?? [], status: "active" as const },
        ]);
        void utils.holds.mine.invalidate({ eventId });
      },
      holdRemoved(holdId) {
        utils.holds.mine.setData({ eventId }, (current) => current?.filter((hold) => hold.holdId !== holdId));
        void utils.holds.mine.invalidate({ eventId });
      },
      signIn: () => void navigate(`/signin?next=${encodeURIComponent(location.pathname + location.search)}`),
      toWaitingRoom: () => void navigate(`/events/${eventId}/waiting-room`),
      reloadMap: options.reloadMap,
      showSeats: options.showSeats,
      storage: sessionStorageOrNull(),
    });
  });

  useLayoutEffect(() => {
    controller.setModel(model);
  }, [controller, model]);
  useLayoutEffect(() => {
    controller.setRules({
      signedIn,
      interactive,
      perFanLimit: event.perFanLimit,
      holdSeconds: event.holdSeconds,
      currency: event.currency,
    });
  }, [controller, signedIn, interactive, event.perFanLimit, event.holdSeconds, event.currency]);
  const serverHolds = myHolds.data ?? NO_HOLDS;
  useLayoutEffect(() => {
    controller.setServerHolds(serverHolds);
  }, [controller, serverHolds]);
  useEffect(() => () => controller.setModel(null), [controller]);

  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  return { controller, state };
}
