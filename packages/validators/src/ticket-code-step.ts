/** Rotating ticket codes change every this many seconds (apart from ticket-codes.ts, which loads Ed25519). */
export const CODE_STEP_SECONDS = 30;
/** Steps a code may be off the scanner's clock, either way. */
export const CODE_STEP_TOLERANCE = 1;
