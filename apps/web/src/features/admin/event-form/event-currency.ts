/** Events are priced in US dollars for now: the event spec carries no currency, and the database defaults to USD. */
export const EVENT_CURRENCY = "USD";
