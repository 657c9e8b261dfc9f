import { holdIdSchema } from "@frontrow/validators";
import { TRPCClientError } from "@trpc/client";
import {
  useEffect,
  useEffectEvent,
  useId,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type FormEvent,
  type ReactNode,
} from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { ErrorState } from "../components/error-state";
import { FormAlert } from "../components/form-alert";
import { FormField } from "../components/form-field";
import { RequireUser } from "../components/require-user";
import { Spinner } from "../components/spinner";
import {
  CARD_FIELDS,
  EMPTY_CARD_FORM,
  TEST_CARDS,
  caretAfterDigits,
  cardFieldOfMessage,
  cardFieldOfPath,
  digitsOnly,
  fieldError,
  formatCardNumber,
  formatExpiry,
  paymentFingerprint,
  validateCardForm,
  type CardField,
  type CardFormErrors,
  type CardFormValues,
} from "../lib/card";
import { describeError, rateLimitMessage } from "../lib/errors";
import { formatLongDate, formatMoney, formatTime } from "../lib/format";
import type { MyHold } from "../lib/order-types";
import { SeatAttributeBadges } from "../components/seat-attribute-badges";
import { clockText, newIdempotencyKey, plural, sectionLabel } from "../lib/seat-words";
import { refundPolicyWords } from "../lib/refund-policy";
import type { EventDetail } from "../lib/types";
import { useEventUpdates } from "../lib/use-event-updates";
import { useNow } from "../lib/use-now";
import { trpc } from "../trpc";
import { NotFoundPage } from "./not-found-page";
import "../checkout.css";

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

type Blocker = "expired" | "unavailable";

interface Attempt {
  key: string;
  fingerprint: string;
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
  const complete = trpc.checkout.complete.useMutation();

  const [values, setValues] = useState<CardFormValues>(EMPTY_CARD_FORM);
  const [errors, setErrors] = useState<CardFormErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [formError, setFormError] = useState<ReactNode>(null);
  const [blocker, setBlocker] = useState<Blocker | null>(null);
  const [timerExpired, setTimerExpired] = useState(false);
  // One key per payment attempt: reused when the same card details are sent again (a retry after a dropped
  // connection), replaced when the fan changes their card details (e.g. after a decline).
  const attemptRef = useRef<Attempt | null>(null);
  const sendingRef = useRef(false);

  const paying = complete.isPending;
  const paid = complete.isSuccess;
  const summary = useMemo(() => (hold ? summarize(hold) : null), [hold]);
  const currentTotal = summary?.totalCents ?? null;
  const [seenTotal, setSeenTotal] = useState(currentTotal);
  const [priceChange, setPriceChange] = useState<{ from: number; to: number } | null>(null);
  if (currentTotal !== null && currentTotal !== seenTotal) {
    setSeenTotal(currentTotal);
    // Compared with the total the fan saw first, however many steps the new prices arrive in.
    const from = priceChange?.from ?? seenTotal;
    if (from !== null && !paying && !paid)
      setPriceChange(from === currentTotal ? null : { from, to: currentTotal });
  }
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

  const setField = (field: CardField, value: string) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (errors[field] || submitted)
      setErrors((current) => ({ ...current, [field]: fieldError(next, field) }));
  };

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

  const onBlurField = (field: CardField, value: string) => {
    if (value === "" && !submitted) return;
    setErrors((current) => ({ ...current, [field]: fieldError(values, field) }));
  };

  const focusField = (form: HTMLFormElement, field: CardField) => {
    const element = form.elements.namedItem(field);
    if (element instanceof HTMLElement) element.focus();
  };

  const showServerFieldErrors = (form: HTMLFormElement, error: unknown): boolean => {
    const info = describeError(error);
    const found: CardFormErrors = {};
    const leftover: string[] = [...info.formErrors];
    const put = (field: CardField | null, message: string) => {
      if (field && !found[field]) found[field] = message;
      else if (!field) leftover.push(message);
    };
    for (const [path, messages] of Object.entries(info.fieldErrors)) {
      const direct = cardFieldOfPath(path);
      for (const message of messages) put(direct ?? cardFieldOfMessage(message), message);
    }
    // Domain validation (e.g. "This card has expired") names its field in `data.field`.
    const field =
      error instanceof TRPCClientError ? (error.data as { field?: unknown } | null)?.field : undefined;
    if (typeof field === "string")
      put(cardFieldOfPath(field) ?? cardFieldOfMessage(info.message), info.message);
    const shown = Object.keys(found).length > 0;
    if (shown) {
      setErrors(found);
      const first = CARD_FIELDS.find((key) => found[key]);
      if (first) focusField(form, first);
    }
    if (leftover.length > 0) setFormError(leftover[0]);
    else if (!shown) setFormError("Please check your card details.");
    return shown;
  };

  const handleError = (form: HTMLFormElement, error: unknown) => {
    const info = describeError(error);
    switch (info.domainCode) {
      case "PAYMENT_DECLINED":
        setFormError(
          <>
            <strong>{info.message || "Your card was declined."}</strong> Your seats are still held — try
            another card.
          </>,
        );
        return;
      case "HOLD_EXPIRED":
      case "HOLD_NOT_FOUND":
        setBlocker("expired");
        void utils.holds.mine.invalidate({ eventId: event.id });
        return;
      case "SEAT_UNAVAILABLE":
        setBlocker("unavailable");
        void utils.holds.mine.invalidate({ eventId: event.id });
        void utils.seats.map.invalidate({ eventId: event.id });
        return;
      case "CHECKOUT_IN_PROGRESS":
        setFormError(
          <>
            Your payment is still processing — check <Link to="/orders">My orders</Link> in a moment before
            trying again.
          </>,
        );
        void utils.holds.mine.invalidate({ eventId: event.id });
        return;
      case "IDEMPOTENCY_KEY_REUSED":
        attemptRef.current = null;
        setFormError("Your card details changed while a payment was being sent. Please press Pay again.");
        return;
      case "NOT_ON_SALE":
        setFormError("Sales for this event are paused or closed right now. Your card was not charged.");
        return;
      case "RATE_LIMITED":
        setFormError(rateLimitMessage(info.retryAfterMs));
        return;
    }
    if (info.code === "BAD_REQUEST") {
      showServerFieldErrors(form, error);
      return;
    }
    if (info.code === "UNAUTHORIZED") {
      const next = encodeURIComponent(location.pathname);
      setFormError(
        <>
          Your session has ended. <Link to={`/signin?next=${next}`}>Sign in again</Link> to finish paying.
        </>,
      );
      return;
    }
    if (info.code === "TOO_MANY_REQUESTS") {
      setFormError(rateLimitMessage(info.retryAfterMs));
      return;
    }
    // The request may or may not have reached the server: keep the same key, so pressing Pay again is safe.
    setFormError(
      info.network
        ? "We couldn't reach Frontrow to confirm your payment. Check your connection and press Pay again — you won't be charged twice."
        : "Something went wrong while confirming your payment. Press Pay again — you won't be charged twice.",
    );
  };

  const onSubmit = async (submitEvent: FormEvent<HTMLFormElement>) => {
    submitEvent.preventDefault();
    // A double click (or Enter twice) before React re-renders must not start a second request.
    if (sendingRef.current || paying || checkingOutElsewhere) return;
    const form = submitEvent.currentTarget;
    setSubmitted(true);
    const result = validateCardForm(values);
    if (result.errors) {
      setErrors(result.errors);
      setFormError(null);
      const first = CARD_FIELDS.find((field) => result.errors[field]);
      if (first) focusField(form, first);
      return;
    }
    setErrors({});
    setFormError(null);
    const fingerprint = paymentFingerprint(result.payment);
    let attempt = attemptRef.current;
    if (!attempt || attempt.fingerprint !== fingerprint) {
      attempt = { key: newIdempotencyKey(), fingerprint };
      attemptRef.current = attempt;
    }
    sendingRef.current = true;
    try {
      const { order } = await complete.mutateAsync({
        holdId,
        idempotencyKey: attempt.key,
        payment: result.payment,
      });
      utils.orders.byId.setData({ orderId: order.id }, order);
      await navigate(`/orders/${order.id}?confirmed=1`, { replace: true });
      void utils.orders.list.invalidate();
      void utils.holds.mine.invalidate();
      void utils.seats.map.invalidate({ eventId: event.id });
      void utils.events.byId.invalidate({ eventId: event.id });
    } catch (error) {
      handleError(form, error);
    } finally {
      sendingRef.current = false;
    }
  };

  const fillTestCard = (number: string) => {
    const next: CardFormValues = {
      ...values,
      cardNumber: number,
      expiry: values.expiry || "12/30",
      cvc: values.cvc || "123",
    };
    setValues(next);
    // Re-check what was filled in and what was already flagged; leave untouched fields alone.
    const found = validateCardForm(next).errors ?? {};
    setErrors((current) => {
      const updated: CardFormErrors = {};
      for (const field of CARD_FIELDS) {
        const check = submitted || current[field] !== undefined || next[field] !== values[field];
        const message = check ? found[field] : current[field];
        if (message) updated[field] = message;
      }
      return updated;
    });
  };

  // The server refuses payment while sales are paused; the hold's timer stands still until they resume.
  const salesPaused = event.status === "paused";
  const total = summary?.totalCents ?? null;
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
              <FormAlert>{formError}</FormAlert>
              <FormField
                label="Card number"
                name="cardNumber"
                className="input--mono"
                inputMode="numeric"
                autoComplete="cc-number"
                placeholder="1234 1234 1234 1234"
                spellCheck={false}
                maxLength={23}
                required
                value={values.cardNumber}
                error={errors.cardNumber ?? null}
                onChange={onCardNumberChange}
                onBlur={(blurEvent) => onBlurField("cardNumber", blurEvent.target.value)}
                readOnly={paying}
              />
              <div className="checkout-form__row">
                <FormField
                  label="Expiry (MM/YY)"
                  name="expiry"
                  className="input--mono"
                  inputMode="numeric"
                  autoComplete="cc-exp"
                  placeholder="MM/YY"
                  maxLength={5}
                  required
                  value={values.expiry}
                  error={errors.expiry ?? null}
                  onChange={(changeEvent) => setField("expiry", formatExpiry(changeEvent.target.value))}
                  onBlur={(blurEvent) => onBlurField("expiry", blurEvent.target.value)}
                  readOnly={paying}
                />
                <FormField
                  label="Security code"
                  name="cvc"
                  className="input--mono"
                  inputMode="numeric"
                  autoComplete="cc-csc"
                  placeholder="CVC"
                  maxLength={4}
                  required
                  hint="3 or 4 digits"
                  value={values.cvc}
                  error={errors.cvc ?? null}
                  onChange={(changeEvent) =>
                    setField("cvc", digitsOnly(changeEvent.target.value).slice(0, 4))
                  }
                  onBlur={(blurEvent) => onBlurField("cvc", blurEvent.target.value)}
                  readOnly={paying}
                />
              </div>
              <FormField
                label="Name on card"
                name="name"
                autoComplete="cc-name"
                autoCapitalize="words"
                spellCheck={false}
                maxLength={100}
                required
                value={values.name}
                error={errors.name ?? null}
                onChange={(changeEvent) => setField("name", changeEvent.target.value)}
                onBlur={(blurEvent) => onBlurField("name", blurEvent.target.value)}
                readOnly={paying}
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
          <TestCards onUse={fillTestCard} disabled={paying} />
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
      <dl className="summary-totals">
        <div>
          <dt>Tickets ({summary.tickets})</dt>
          <dd>{formatMoney(summary.subtotalCents, currency)}</dd>
        </div>
        <div>
          <dt>
            Fees{" "}
            {feeCents > 0 ? (
              <span className="summary-totals__note">
                ({summary.tickets} × {formatMoney(feeCents, currency)})
              </span>
            ) : null}
          </dt>
          <dd>{formatMoney(summary.feesCents, currency)}</dd>
        </div>
        <div className="summary-totals__total">
          <dt>Total</dt>
          <dd>{formatMoney(summary.totalCents, currency)}</dd>
        </div>
      </dl>
      <p className="summary-note">{plural(summary.tickets, "ticket")} · mobile tickets with QR codes</p>
    </>
  );
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
