/** Checks a waiting-room access pass; implemented with the waiting room. */
export type AccessPassVerifier = (input: { pass: string; userId: string; eventId: string; now: Date }) => boolean;
