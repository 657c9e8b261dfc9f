/** What a waiting-room access pass check found: a pass of this fan for this event that is still valid, one whose
 * shopping window has ended, or anything else (none, forged, altered, another fan's or event's). */
export type AccessPassCheck = "valid" | "window_ended" | "invalid";

/** Checks a waiting-room access pass; implemented with the waiting room. */
export type AccessPassVerifier = (input: { pass: string; userId: string; eventId: string; now: Date }) => AccessPassCheck;
