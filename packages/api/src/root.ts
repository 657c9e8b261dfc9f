import { authRouter } from "./routers/auth";
import { eventsRouter } from "./routers/events";
import { venuesRouter } from "./routers/venues";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  events: eventsRouter,
  venues: venuesRouter,
});

export type AppRouter = typeof appRouter;
