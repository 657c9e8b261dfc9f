import { adminRouter } from "./routers/admin";
import { authRouter } from "./routers/auth";
import { checkoutRouter } from "./routers/checkout";
import { eventsRouter } from "./routers/events";
import { holdsRouter } from "./routers/holds";
import { ordersRouter } from "./routers/orders";
import { queueRouter } from "./routers/queue";
import { seatsRouter } from "./routers/seats";
import { transfersRouter } from "./routers/transfers";
import { resaleRouter } from "./routers/resale";
import { ticketsRouter } from "./routers/tickets";
import { venuesRouter } from "./routers/venues";
import { waitingListRouter } from "./routers/waiting-list";
import { router } from "./trpc";

export const appRouter = router({
  admin: adminRouter,
  auth: authRouter,
  checkout: checkoutRouter,
  events: eventsRouter,
  holds: holdsRouter,
  orders: ordersRouter,
  queue: queueRouter,
  seats: seatsRouter,
  transfers: transfersRouter,
  resale: resaleRouter,
  tickets: ticketsRouter,
  venues: venuesRouter,
  waitingList: waitingListRouter,
});

export type AppRouter = typeof appRouter;
