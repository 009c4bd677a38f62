// The radio's limits the whole product counts with (the machine's timers, the catalogue's facts); no dependencies.

/** The safe number of tries before the radio locks (FACTS.md: sources say 3–5; BMW says 3). */
export const ATTEMPT_LIMIT = 3;
/** SAFE standby: up to an hour with the ignition in position II (seed). */
export const SAFE_WAIT_MS = 60 * 60 * 1000;
/** Lockout: a full hour with the ignition on, counted from when it began (seed; BMW sources). */
export const LOCKOUT_MS = 60 * 60 * 1000;
