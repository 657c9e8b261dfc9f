import { authRouter } from "./routers/auth";
import { eventsRouter } from "./routers/events";
import { holdsRouter } from "./routers/holds";
import { seatsRouter } from "./routers/seats";
import { venuesRouter } from "./routers/venues";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  events: eventsRouter,
  holds: holdsRouter,
  seats: seatsRouter,
  venues: venuesRouter,
});

export type AppRouter = typeof appRouter;
