// Questions about a diagnosis state that the UI, the service worker and the list ask (no transitions here).
import { takesNoCode } from './generations';
import {
  DONE_WITHOUT_CODE_KEYS,
  LOCKOUT_EXTENSION_KEYS,
  LOCKOUT_EXTENSION_MS,
  LOCKOUT_EXTENSION_OVER_KEYS,
  LOCKOUT_OVER_KEYS,
  SAFE_WAIT_OVER_KEYS,
  STATE_KEYS,
  TERMINAL_STATES,
  type DiagnosisEvent,
  type DiagnosisState,
  type StateName,
  type StateOf,
  type Timer,
} from './diagnosis-states';

export function matches<N extends StateName>(state: DiagnosisState, name: N): state is StateOf<N> {
  return state.value === name;
}

export function isTerminal(state: DiagnosisState | StateName): boolean {
  return TERMINAL_STATES.includes(typeof state === 'string' ? state : state.value);
}

/** The running (or just ended) countdown of a state, if it has one. */
export function timerOf(state: DiagnosisState): Timer | null {
  return state.value === 'safeWait' || state.value === 'lockout' ? state.timer : null;
}

/** The countdown has run out and the screen is asking what the radio shows now. */
export function countdownEnded(state: DiagnosisState): boolean {
  return (state.value === 'safeWait' || state.value === 'lockout') && state.over === true;
}

/** The extra half hour after a lockout hour the radio did not end (a shorter countdown than the hour). */
export function isLockoutExtension(state: DiagnosisState): boolean {
  return state.value === 'lockout' && state.timer.endsAt - state.timer.startedAt === LOCKOUT_EXTENSION_MS;
}

/** The heading and lead of a state's screen, with the numbers they mention: an ended countdown asks its own question. */
export function screenKeysOf(state: DiagnosisState): { title: string; body: string; params?: { minutes: number } } {
  if (isLockoutExtension(state)) {
    return { ...(countdownEnded(state) ? LOCKOUT_EXTENSION_OVER_KEYS : LOCKOUT_EXTENSION_KEYS), params: { minutes: LOCKOUT_EXTENSION_MS / 60_000 } };
  }
  if (countdownEnded(state)) return state.value === 'lockout' ? LOCKOUT_OVER_KEYS : SAFE_WAIT_OVER_KEYS;
  if (state.value === 'done' && state.code === null) return DONE_WITHOUT_CODE_KEYS;
  return STATE_KEYS[state.value];
}

/** Codes the radio rejected, oldest first (empty for states saved before this was recorded). */
export function rejectionsOf(state: DiagnosisState): readonly string[] {
  return state.rejectedCodes ?? [];
}

/** How many times the radio rejected this code. */
export function timesRejected(state: DiagnosisState, code: string | null): number {
  return code === null ? 0 : rejectionsOf(state).filter((rejected) => rejected === code).length;
}

/**
 * Whether the app may offer to order a code: never for a VIN-bound unit, a fault that is not a
 * code lock, a dealer-only unit, an unknown generation, or a radio that already works.
 */
export function offersOrder(subject: DiagnosisState | { machine: DiagnosisState }): boolean {
  const state = 'machine' in subject ? subject.machine : subject;
  if (state.generation === null) return false;
  if (state.unit !== null && takesNoCode(state.unit)) return false;
  return !['dealer', 'notCodeLock', 'done', 'identify'].includes(state.value);
}

/** Events the clock makes due: what the UI/SW should send when it wakes up at `now`. */
export function dueEvents(state: DiagnosisState, now: number): DiagnosisEvent[] {
  const timer = timerOf(state);
  if (!timer || now < timer.endsAt || countdownEnded(state)) return [];
  return [{ type: 'timer.elapsed' }];
}
