import { lazy, Suspense, type ComponentType } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/layout";
import { CatalogPage } from "./features/catalog/catalog-page";
import { EventPage } from "./features/catalog/event-page";
import { NotFoundPage } from "./pages/not-found-page";
import { SeatMapPage } from "./features/seat-map/seat-map-page";

/**
 * A page loaded when first visited. The pages a fan lands on (catalog, event, seat map) are in the main bundle; the
 * rest, the admin console above all, would only lengthen the time before those can run on a phone.
 */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  const Page = lazy<ComponentType>(async () => ({ default: (await load())[name] }));
  return function LazyPage() {
    return (
      <Suspense fallback={null}>
        <Page />
      </Suspense>
    );
  };
}

const ScanPage = lazyPage(() => import("./features/scan/scan-page"), "ScanPage");
const AdminLayout = lazyPage(() => import("./features/admin/admin-layout"), "AdminLayout");
const AuditLogPage = lazyPage(() => import("./features/admin/pages/audit-log-page"), "AuditLogPage");
const EventDashboardPage = lazyPage(() => import("./features/admin/pages/event-dashboard-page"), "EventDashboardPage");
const EventFormPage = lazyPage(() => import("./features/admin/pages/event-form-page"), "EventFormPage");
const AdminEventsPage = lazyPage(() => import("./features/admin/pages/events-page"), "AdminEventsPage");
const VenueBuilderPage = lazyPage(() => import("./features/admin/pages/venue-builder-page"), "VenueBuilderPage");
const VenueEditorPage = lazyPage(() => import("./features/admin/pages/venue-editor-page"), "VenueEditorPage");
const VenuesPage = lazyPage(() => import("./features/admin/pages/venues-page"), "VenuesPage");
const CheckoutPage = lazyPage(() => import("./features/checkout/checkout-page"), "CheckoutPage");
const FairnessPage = lazyPage(() => import("./features/waiting-room/fairness-page"), "FairnessPage");
const OrderPage = lazyPage(() => import("./features/orders/order-page"), "OrderPage");
const TransfersPage = lazyPage(() => import("./features/transfers/transfers-page"), "TransfersPage");
const OrdersPage = lazyPage(() => import("./features/orders/orders-page"), "OrdersPage");
const SignInPage = lazyPage(() => import("./features/auth/sign-in-page"), "SignInPage");
const SignUpPage = lazyPage(() => import("./features/auth/sign-up-page"), "SignUpPage");
const WaitingRoomPage = lazyPage(() => import("./features/waiting-room/waiting-room-page"), "WaitingRoomPage");

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
        <Route path="transfers" element={<TransfersPage />} />
        <Route path="scan" element={<ScanPage />} />
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
