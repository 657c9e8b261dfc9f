import { Route, Routes } from "react-router";
import { AdminLayout } from "./admin/admin-layout";
import { AuditLogPage } from "./admin/pages/audit-log-page";
import { EventDashboardPage } from "./admin/pages/event-dashboard-page";
import { EventFormPage } from "./admin/pages/event-form-page";
import { AdminEventsPage } from "./admin/pages/events-page";
import { VenueBuilderPage } from "./admin/pages/venue-builder-page";
import { VenueEditorPage } from "./admin/pages/venue-editor-page";
import { VenuesPage } from "./admin/pages/venues-page";
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
        <Route path="admin" element={<AdminLayout />}>
          <Route index element={<AdminEventsPage />} />
          <Route path="events/new" element={<EventFormPage />} />
          <Route path="events/:eventId" element={<EventDashboardPage />} />
          <Route path="events/:eventId/edit" element={<EventFormPage />} />
          <Route path="venues" element={<VenuesPage />} />
          <Route path="venues/new" element={<VenueBuilderPage />} />
          <Route path="venues/:venueId" element={<VenueEditorPage />} />
          <Route path="audit" element={<AuditLogPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
