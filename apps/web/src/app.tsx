import { Route, Routes } from "react-router";
import { Layout } from "./components/layout";
import { CatalogPage } from "./pages/catalog-page";
import { CheckoutPage } from "./pages/checkout-page";
import { EventPage } from "./pages/event-page";
import { FairnessPage } from "./pages/fairness-page";
import { NotFoundPage } from "./pages/not-found-page";
import { OrderPage } from "./pages/order-page";
import { OrdersPage } from "./pages/orders-page";
import { SeatMapPage } from "./pages/seat-map-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { WaitingRoomPage } from "./pages/waiting-room-page";

/** All routes of the web app. */
export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<CatalogPage />} />
        <Route path="events/:eventId" element={<EventPage />} />
        <Route path="events/:eventId/seats" element={<SeatMapPage />} />
        <Route path="events/:eventId/waiting-room" element={<WaitingRoomPage />} />
        <Route path="events/:eventId/fairness" element={<FairnessPage />} />
        <Route path="checkout/:holdId" element={<CheckoutPage />} />
        <Route path="orders" element={<OrdersPage />} />
        <Route path="orders/:orderId" element={<OrderPage />} />
        <Route path="signin" element={<SignInPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
