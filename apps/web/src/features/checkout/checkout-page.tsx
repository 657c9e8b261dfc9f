import { holdIdSchema } from "@frontrow/validators";
import {
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ChangeEvent,
  type FocusEvent,
  type FormEvent,
  type ReactNode,
} from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ErrorState } from "../../components/error-state";
import { FormAlert } from "../../components/form-alert";
import { FormField } from "../../components/form-field";
import { SummaryTotals } from "../../components/summary-totals";
import { RequireUser } from "../../components/require-user";
import { Spinner } from "../../components/spinner";
import {
  TEST_CARDS,
  caretAfterDigits,
  digitsOnly,
  formatCardNumber,
  formatExpiry,
  type CardField,
} from "../../lib/card";
import { formatLongDate, formatMoney, formatTime } from "../../lib/format";
import type { MyHold } from "../../lib/order-types";
import { SeatAttributeBadges } from "../../components/seat-attribute-badges";
import { clockText, plural, sectionLabel } from "../../lib/seat-words";
import { refundPolicyWords } from "../../lib/refund-policy";
import type { EventDetail } from "../../lib/types";
import { useEventUpdates } from "../../lib/use-event-updates";
import { useNow } from "../../lib/use-now";
import { trpc } from "../../trpc";
import { NotFoundPage } from "../../pages/not-found-page";
import { CheckoutController, type PaymentProblem } from "./checkout-controller";
import "./checkout.css";

/** `/checkout/:holdId` — pay for a hold. */
export function CheckoutPage() {
  const { holdId = "" } = useParams();
  return (
    <RequireUser loading={<CheckoutSkeleton />}>
      {() =>
        holdIdSchema.safeParse(holdId).success ? (
          <CheckoutLoader key={holdId} holdId={holdId} />
        ) : (
          <NotFoundPage
            title="Checkout not found"
            message="This checkout link isn't valid. Pick your seats again to start a new checkout."
          />
        )
      }
    </RequireUser>
  );
}

function CheckoutLoader({ holdId }: { holdId: string }) {
  const eventId = holdId.slice(0, 36);
  const holdsQuery = trpc.holds.mine.useQuery(
    { eventId },
    {
      // The hold's expiry comes from the server every time the page opens.
      staleTime: 0,
      refetchOnWindowFocus: true,
      // While someone (another tab?) is paying for this hold, watch for the outcome.
      refetchInterval: (query) =>
        query.state.data?.some((hold) => hold.holdId === holdId && hold.status === "checkout") ? 3000 : false,
    },
  );
  const eventQuery = trpc.events.byId.useQuery({ eventId });
  // An organizer's price or fee change reprices the summary (and the pay button) while the fan is here.
  useEventUpdates(eventId);

  if (holdsQuery.isError || eventQuery.isError) {
    return (
      <div className="container page-pad">
        <title>Checkout · Frontrow</title>
        <ErrorState
          title="We couldn't load your checkout"
          error={holdsQuery.error ?? eventQuery.error}
          onRetry={() => {
            void holdsQuery.refetch();
            void eventQuery.refetch();
          }}
          retrying={holdsQuery.isFetching || eventQuery.isFetching}
        />
      </div>
    );
  }
  if (holdsQuery.isPending || eventQuery.isPending) return <CheckoutSkeleton />;

  return (
    <Checkout
      holdId={holdId}
      hold={holdsQuery.data.find((hold) => hold.holdId === holdId)}
      event={eventQuery.data}
    />
  );
}

function Checkout({
  holdId,
  hold,
  event,
}: {
  holdId: string;
  hold: MyHold | undefined;
  event: EventDetail;
}) {
  const id = useId();
  const navigate = useNavigate();
  const location = useLocation();
  const utils = trpc.useUtils();
  const [controller] = useState(
    () =>
      new CheckoutController(holdId, {
        pay: (input) => utils.client.checkout.complete.mutate(input),
        async paid(order) {
          utils.orders.byId.setData({ orderId: order.id }, order);
          await navigate(`/orders/${order.id}?confirmed=1`, { replace: true });
          void utils.orders.list.invalidate();
          void utils.holds.mine.invalidate();
          void utils.seats.map.invalidate({ eventId: event.id });
          void utils.events.byId.invalidate({ eventId: event.id });
        },
        holdsChanged(reason) {
          void utils.holds.mine.invalidate({ eventId: event.id });
          if (reason === "unavailable") void utils.seats.map.invalidate({ eventId: event.id });
        },
      }),
  );
  const { values, errors, problem, blocker, paying, paid, priceChange } = useSyncExternalStore(
    controller.subscribe,
    controller.getState,
  );
  const [timerExpired, setTimerExpired] = useState(false);
  const summary = useMemo(() => (hold ? summarize(hold) : null), [hold]);
  const total = summary?.totalCents ?? null;
  useEffect(() => controller.seeTotal(total), [controller, total]);
  const seatsUrl = `/events/${event.id}/seats`;

  // The hold disappeared (expired and swept, released, or already paid for) — and not because we just paid.
  if (!hold && !paying && !paid) {
    return (
      <CheckoutShell event={event}>
        <Blocked
          title="Your hold expired"
          seatsUrl={seatsUrl}
          secondary={
            <Link to="/orders" className="button button--secondary">
              My orders
            </Link>
          }
        >
          This hold is no longer active: it ran out, or was released. If you already paid for these seats,
          your tickets are in My orders.
        </Blocked>
      </CheckoutShell>
    );
  }

  const checkingOutElsewhere = hold?.status === "checkout" && !paying && !paid;
  const expired = blocker === "expired" || (timerExpired && !paying && !paid && hold?.status !== "checkout");

  if (expired || blocker === "unavailable") {
    return (
      <CheckoutShell event={event}>
        {blocker === "unavailable" ? (
          <Blocked title="These seats were just sold" seatsUrl={seatsUrl}>
            Someone else completed their purchase of one or more of these seats first. Your card was not
            charged. Pick other seats on the map.
          </Blocked>
        ) : (
          <Blocked title="Your hold expired" seatsUrl={seatsUrl}>
            Your seats were held for a limited time and have gone back on sale. Your card was not charged.
            Pick your seats again to start over.
          </Blocked>
        )}
      </CheckoutShell>
    );
  }

  const setField = (field: CardField, value: string) => controller.setField(field, value);

  const onCardNumberChange = (changeEvent: ChangeEvent<HTMLInputElement>) => {
    const input = changeEvent.target;
    const caret = input.selectionStart ?? input.value.length;
    const digitsBefore = digitsOnly(input.value.slice(0, caret)).length;
    const formatted = formatCardNumber(input.value);
    // Write the formatted value straight away so the caret stays after the digit just typed.
    input.value = formatted;
    const position = caretAfterDigits(formatted, digitsBefore);
    if (document.activeElement === input) input.setSelectionRange(position, position);
    setField("cardNumber", formatted);
  };

  /** What every card input shares: its name, value, error, the check when it is left, read-only while paying. */
  const cardField = (field: CardField) => ({
    name: field,
    value: values[field],
    error: errors[field] ?? null,
    onBlur: (blurEvent: FocusEvent<HTMLInputElement>) => controller.blurField(field, blurEvent.target.value),
    readOnly: paying,
  });

  const onSubmit = async (submitEvent: FormEvent<HTMLFormElement>) => {
    submitEvent.preventDefault();
    if (checkingOutElsewhere) return;
    const form = submitEvent.currentTarget;
    const field = await controller.submit();
    const element = field ? form.elements.namedItem(field) : null;
    if (element instanceof HTMLElement) element.focus();
  };

  // The server refuses payment while sales are paused; the hold's timer stands still until they resume.
  const salesPaused = event.status === "paused";
  const payLabel = total === null ? "Pay now" : `Pay ${formatMoney(total, event.currency)}`;

  return (
    <CheckoutShell event={event}>
      <div className="checkout__grid">
        <aside className="checkout__summary" aria-labelledby={`${id}-summary`}>
          <div className="card checkout-card">
            {hold ? (
              <HoldTimer
                expiresAt={hold.expiresAt}
                paused={salesPaused}
                paying={paying || paid || hold.status === "checkout"}
                onExpire={() => setTimerExpired(true)}
              />
            ) : null}
            <h2 id={`${id}-summary`} className="checkout-card__title">
              Order summary
            </h2>
            <OrderLines
              summary={summary}
              currency={event.currency}
              feeCents={event.feeCents}
            />
            {priceChange ? (
              <p className="checkout-notice" role="status" data-testid="checkout-price-change">
                <span>
                  The organizer just changed the prices: your total is now{" "}
                  <strong>{formatMoney(priceChange.to, event.currency)}</strong> (it was{" "}
                  {formatMoney(priceChange.from, event.currency)}).
                </span>
              </p>
            ) : null}
          </div>
        </aside>

        <section className="checkout__pay" aria-labelledby={`${id}-pay`}>
          <div className="card checkout-card">
            <h2 id={`${id}-pay`} className="checkout-card__title">
              Payment
            </h2>
            {checkingOutElsewhere ? (
              <p className="checkout-notice" role="status">
                <Spinner />
                <span>
                  A payment for these seats is already being processed, maybe in another tab. Check{" "}
                  <Link to="/orders">My orders</Link> in a moment.
                </span>
              </p>
            ) : null}
            <form
              className="form checkout-form"
              noValidate
              onSubmit={(submitEvent) => void onSubmit(submitEvent)}
              aria-describedby={`${id}-secure`}
            >
              <FormAlert>{problem ? <ProblemText problem={problem} signInNext={location.pathname} /> : null}</FormAlert>
              <FormField
                label="Card number"
                className="input--mono"
                inputMode="numeric"
                autoComplete="cc-number"
                placeholder="1234 1234 1234 1234"
                spellCheck={false}
                maxLength={23}
                required
                onChange={onCardNumberChange}
                {...cardField("cardNumber")}
              />
              <div className="checkout-form__row">
                <FormField
                  label="Expiry (MM/YY)"
                  className="input--mono"
                  inputMode="numeric"
                  autoComplete="cc-exp"
                  placeholder="MM/YY"
                  maxLength={5}
                  required
                  onChange={(changeEvent) => setField("expiry", formatExpiry(changeEvent.target.value))}
                  {...cardField("expiry")}
                />
                <FormField
                  label="Security code"
                  className="input--mono"
                  inputMode="numeric"
                  autoComplete="cc-csc"
                  placeholder="CVC"
                  maxLength={4}
                  required
                  hint="3 or 4 digits"
                  onChange={(changeEvent) =>
                    setField("cvc", digitsOnly(changeEvent.target.value).slice(0, 4))
                  }
                  {...cardField("cvc")}
                />
              </div>
              <FormField
                label="Name on card"
                autoComplete="cc-name"
                autoCapitalize="words"
                spellCheck={false}
                maxLength={100}
                required
                onChange={(changeEvent) => setField("name", changeEvent.target.value)}
                {...cardField("name")}
              />
              <button
                type="submit"
                className="button button--primary button--block button--large"
                disabled={paying || paid || checkingOutElsewhere || salesPaused}
                aria-busy={paying}
              >
                {paying || paid ? <Spinner /> : <LockIcon />}
                {payLabel}
              </button>
              <p id={`${id}-secure`} className="checkout-form__note">
                {paying
                  ? "Confirming your payment… Please keep this page open."
                  : salesPaused
                    ? "You can pay as soon as the organizer resumes sales."
                    : "You'll only be charged once: if the connection drops, press Pay again."}
              </p>
              <p className="checkout-form__note" data-testid="refund-policy">
                {refundPolicyWords(event.refundPolicy, event.venue.timezone, new Date())}
              </p>
            </form>
          </div>
          <TestCards onUse={(number) => controller.fillTestCard(number)} disabled={paying} />
        </section>
      </div>
    </CheckoutShell>
  );
}

function CheckoutShell({ event, children }: { event: EventDetail; children: ReactNode }) {
  return (
    <div className="checkout container">
      <title>{`Checkout · ${event.name} · Frontrow`}</title>
      <header className="checkout__header">
        <nav aria-label="Breadcrumb" className="checkout__crumbs">
          <Link to={`/events/${event.id}`}>{event.name}</Link>
          <span aria-hidden="true"> / </span>
          <Link to={`/events/${event.id}/seats`}>Seats</Link>
          <span aria-hidden="true"> / </span>
          <span aria-current="page">Checkout</span>
        </nav>
        <h1 className="checkout__title">Checkout</h1>
        <p className="checkout__event">
          <strong>{event.name}</strong>
          <span>
            <time dateTime={event.startsAt.toISOString()}>
              {formatLongDate(event.startsAt, event.venue.timezone)} · {formatTime(event.startsAt, event.venue.timezone)}
            </time>
          </span>
          <span>
            {event.venue.name}, {event.venue.city}
          </span>
        </p>
      </header>
      {children}
    </div>
  );
}

function Blocked({
  title,
  seatsUrl,
  secondary,
  children,
}: {
  title: string;
  seatsUrl: string;
  secondary?: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Announce the change of page state and put the fan where the way forward is.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="checkout-blocked" role="alert" aria-labelledby={`${id}-title`}>
      <svg className="checkout-blocked__icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
        <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M12 7v5.2l3.2 2" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1} className="checkout-blocked__title">
        {title}
      </h2>
      <p className="checkout-blocked__text">{children}</p>
      <div className="checkout-blocked__actions">
        <Link to={seatsUrl} className="button button--primary">
          Back to the seat map
        </Link>
        {secondary}
      </div>
    </section>
  );
}

/** The hold countdown from the server's `expiresAt`; tells the page once it has run out. */
function HoldTimer({
  expiresAt,
  paused,
  paying,
  onExpire,
}: {
  expiresAt: Date;
  /** Sales are paused: the timer stands still (the server gives the pause's length back on resume). */
  paused: boolean;
  paying: boolean;
  onExpire: () => void;
}) {
  const now = useNow(1000);
  const remaining = expiresAt.getTime() - now.getTime();
  const done = !paused && remaining <= 0;
  const expire = useEffectEvent(() => onExpire());
  useEffect(() => {
    if (done) expire();
  }, [done]);

  const urgent = !paused && remaining < 60_000;
  // Announce only a few milestones, not every second.
  const milestone =
    paused || remaining <= 0
      ? null
      : remaining <= 60_000
        ? "Less than a minute left to pay."
        : remaining <= 120_000
          ? "2 minutes left to pay."
          : null;
  return (
    <div className={`hold-timer${urgent ? " hold-timer--urgent" : ""}`}>
      <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
        <circle cx="10" cy="10" r="7.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10 5.5V10l3 2" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      </svg>
      <p className="hold-timer__text">
        {paused ? (
          "Sales are paused: your seats are kept"
        ) : done && paying ? (
          "Finishing your payment…"
        ) : (
          <>
            Seats held for{" "}
            <span className="hold-timer__clock" role="timer" aria-live="off">
              {clockText(remaining)}
            </span>
          </>
        )}
      </p>
      <p className="visually-hidden" role="status">
        {milestone}
      </p>
    </div>
  );
}

interface Line {
  key: string;
  label: string;
  detail: string | null;
  /** What is special about the seat: "Wheelchair space", "Companion seat", "Restricted view". */
  attributes: string[];
  quantity: number;
  unitCents: number;
}

interface Summary {
  lines: Line[];
  tickets: number;
  subtotalCents: number;
  feesCents: number;
  totalCents: number;
}

/** The hold as the server priced it (what checkout charges), in the order summary's words. */
function summarize(hold: MyHold): Summary {
  const { lines, tickets, subtotalCents, feesCents, totalCents } = hold.price;
  return {
    lines: lines.map((line) => ({
      key: line.key,
      label: line.seatId === null ? sectionLabel(line.label) : line.label,
      detail:
        line.seatId === null
          ? ["General admission", line.tierName !== line.label ? line.tierName : null].filter(Boolean).join(" · ")
          : line.tierName,
      attributes: line.attributes,
      quantity: line.quantity,
      unitCents: line.unitCents,
    })),
    tickets,
    subtotalCents,
    feesCents,
    totalCents,
  };
}

function OrderLines({ summary, currency, feeCents }: { summary: Summary | null; currency: string; feeCents: number }) {
  if (!summary) return null;
  return (
    <>
      <ul className="summary-lines">
        {summary.lines.map((line) => (
          <li key={line.key} className="summary-lines__item">
            <span className="summary-lines__what">
              <span className="summary-lines__label">
                {line.quantity > 1 ? `${line.label} × ${line.quantity}` : line.label}
              </span>
              {line.detail ? <span className="summary-lines__detail">{line.detail}</span> : null}
              {line.attributes.length > 0 ? <SeatAttributeBadges words={line.attributes} /> : null}
            </span>
            <span className="summary-lines__price">
              {formatMoney(line.unitCents * line.quantity, currency)}
              {line.quantity > 1 ? (
                <span className="summary-lines__each">{formatMoney(line.unitCents, currency)} each</span>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
      <SummaryTotals
        tickets={summary.tickets}
        subtotalCents={summary.subtotalCents}
        feesCents={summary.feesCents}
        totalCents={summary.totalCents}
        currency={currency}
        feeNote={
          feeCents > 0 ? (
            <span className="summary-totals__note">
              ({summary.tickets} × {formatMoney(feeCents, currency)})
            </span>
          ) : null
        }
      />
      <p className="summary-note">{plural(summary.tickets, "ticket")} · mobile tickets with QR codes</p>
    </>
  );
}

/** What went wrong with a payment, in words; some with the link that helps. */
function ProblemText({ problem, signInNext }: { problem: PaymentProblem; signInNext: string }) {
  switch (problem.kind) {
    case "declined":
      return (
        <>
          <strong>{problem.message}</strong> Your seats are still held — try another card.
        </>
      );
    case "in-progress":
      return (
        <>
          Your payment is still processing — check <Link to="/orders">My orders</Link> in a moment before trying
          again.
        </>
      );
    case "signed-out":
      return (
        <>
          Your session has ended. <Link to={`/signin?next=${encodeURIComponent(signInNext)}`}>Sign in again</Link> to
          finish paying.
        </>
      );
    case "text":
      return problem.text;
  }
}

function TestCards({ onUse, disabled }: { onUse: (number: string) => void; disabled: boolean }) {
  const id = useId();
  return (
    <aside className="test-cards" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="test-cards__title">
        Test cards
      </h2>
      <p className="test-cards__lead">
        This is a demo store: no real money moves. Use any future expiry date and any 3-digit security code.
      </p>
      <ul className="test-cards__list">
        {TEST_CARDS.map((card) => (
          <li key={card.number} className="test-cards__item">
            <span className="test-cards__number">{card.number}</span>
            <span className="test-cards__result">{card.result}</span>
            <button
              type="button"
              className="button button--ghost button--small test-cards__use"
              onClick={() => onUse(card.number)}
              disabled={disabled}
              aria-label={`Use test card ${card.number} (${card.result.toLowerCase()})`}
            >
              Use
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}

function LockIcon() {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
      <rect x="3" y="7" width="10" height="7" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function CheckoutSkeleton() {
  return (
    <div className="checkout container" aria-busy="true">
      <title>Checkout · Frontrow</title>
      <p className="visually-hidden" role="status">
        Loading checkout
      </p>
      <div className="checkout__header" aria-hidden="true">
        <span className="skeleton skeleton--line" style={{ width: "30%" }} />
        <span className="skeleton skeleton--heading" style={{ width: "40%" }} />
        <span className="skeleton skeleton--line" style={{ width: "55%" }} />
      </div>
      <div className="checkout__grid" aria-hidden="true">
        <div className="checkout__summary">
          <div className="card checkout-card">
            <span className="skeleton skeleton--title" style={{ width: "50%" }} />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line" style={{ width: "80%" }} />
            <span className="skeleton skeleton--block" style={{ height: 90 }} />
          </div>
        </div>
        <div className="checkout__pay">
          <div className="card checkout-card">
            <span className="skeleton skeleton--title" style={{ width: "30%" }} />
            <span className="skeleton skeleton--block" style={{ height: 260 }} />
          </div>
        </div>
      </div>
    </div>
  );
}
