// The guided-recovery state machine for one head unit: pure data in, pure data out (DESIGN.md § Diagnosis state machine).
import type { GenerationId, VinBoundUnitId } from './generations';
import { isGenerationId, takesNoCode } from './generations';
import { ATTEMPT_LIMIT, LOCKOUT_MS, SAFE_WAIT_MS } from './limits';

/*
 * Conventions
 * - `transition(state, event, now)` never throws for a well-typed event: an event the state does
 *   not accept returns the SAME state object and no effects. `can(state, event, now)` is exactly
 *   "transition would change something" (tested both ways in diagnosis-machine.test.ts).
 * - Time is passed in. Countdowns are data with absolute end times, so they survive reloads and
 *   a sleeping phone; the UI/SW sends `timer.elapsed` once `now >= timer.endsAt`.
 * - Device clocks can jump backwards; `now` is clamped to the state's `since` so time inside the
 *   machine never runs backwards and a countdown can never end earlier than it was promised.
 * - The attempt counter mirrors the radio's own counter, which the app cannot reset: only a
 *   finished lockout or an accepted code clears it (not `restart`).
 * - i18n keys in this module are relative to the `guide` namespace (see STATE_KEYS, NOTIFY_KEYS).
 */

// The limits live in limits.ts, which the catalogue reads without loading this machine.
export { ATTEMPT_LIMIT, LOCKOUT_MS, SAFE_WAIT_MS };

/** What the radio shows, in the radio's own words; `blank` = nothing, `normal` = it plays. */
export const DISPLAY_MESSAGES = ['SAFE', 'CODE', '1000', 'WAIT', 'CODE WAIT', 'DISABLED', 'blank', 'normal'] as const;
export type DisplayMessage = (typeof DISPLAY_MESSAGES)[number];
/** Messages that mean "too many wrong codes". */
export const LOCKOUT_MESSAGES: readonly DisplayMessage[] = ['1000', 'WAIT', 'CODE WAIT'];

export const STATE_NAMES = [
  'identify',
  'display',
  'safeWait',
  'haveCode',
  'findSerial',
  'order',
  'awaitingCode',
  'enterCode',
  'lockout',
  'blankChecks',
  'workshop',
  'notCodeLock',
  'dealer',
  'done',
] as const;
export type StateName = (typeof STATE_NAMES)[number];

/** States the machine cannot leave except by `restart`. */
export const TERMINAL_STATES: readonly StateName[] = ['done', 'dealer', 'notCodeLock'];

export interface Timer {
  kind: 'safeWait' | 'lockout';
  startedAt: number;
  endsAt: number;
}

/** Facts about the car and the radio's counter, kept across states (JSON-safe: null, not undefined). */
export interface DiagnosisContext {
  generation: GenerationId | null;
  /** Set only for a VIN-bound head unit (late F60 NBT EVO). */
  unit: VinBoundUnitId | null;
  /** Rejected codes since the last lockout ended (the radio's counter, as far as we know). */
  attempts: number;
  /** The code the user will enter, when known (typed in or delivered). */
  code: string | null;
  serial: string | null;
  orderKey: string | null;
  /** When this state was entered (ms since epoch); 0 for a state made without a clock. */
  since: number;
}

export type DiagnosisState =
  | (DiagnosisContext & { value: 'identify' })
  | (DiagnosisContext & { value: 'display' })
  /** `over`: the hour has passed and the radio still shows SAFE (advice: keep waiting or workshop). */
  | (DiagnosisContext & { value: 'safeWait'; timer: Timer; over: boolean })
  | (DiagnosisContext & { value: 'haveCode' })
  | (DiagnosisContext & { value: 'findSerial' })
  | (DiagnosisContext & { value: 'order' })
  | (DiagnosisContext & { value: 'awaitingCode' })
  /** `lastAttempt`: the next wrong code starts the hour-long lockout. */
  | (DiagnosisContext & { value: 'enterCode'; attemptsLeft: number; lastAttempt: boolean })
  | (DiagnosisContext & { value: 'lockout'; timer: Timer; cause: 'attempts' | 'display' })
  | (DiagnosisContext & { value: 'blankChecks' })
  | (DiagnosisContext & { value: 'workshop' })
  | (DiagnosisContext & { value: 'notCodeLock' })
  | (DiagnosisContext & { value: 'dealer' })
  | (DiagnosisContext & { value: 'done' });

export type StateOf<N extends StateName> = Extract<DiagnosisState, { value: N }>;

export type DiagnosisEvent =
  | { type: 'generation.chosen'; generation: GenerationId; unit?: VinBoundUnitId | null }
  | { type: 'display.reported'; message: DisplayMessage }
  /** In haveCode (or later, when the user finds the code card): the code may be given now or typed later. */
  | { type: 'code.known'; code?: string }
  | { type: 'code.unknown' }
  | { type: 'serial.entered'; serial: string }
  /** The order was written to the outbox under this idempotency key. */
  | { type: 'order.placed'; orderKey: string }
  | { type: 'code.delivered'; code: string }
  | { type: 'code.accepted' }
  /** `display`: what the radio showed after the wrong code, if it went straight to a lockout message. */
  | { type: 'code.rejected'; display?: DisplayMessage }
  | { type: 'timer.elapsed' }
  /** After the SAFE hour ran out: start another hour. */
  | { type: 'wait.continued' }
  | { type: 'blankChecks.done' }
  | { type: 'workshop.chosen' }
  | { type: 'restart' };

export type EventType = DiagnosisEvent['type'];
export const EVENT_TYPES: readonly EventType[] = [
  'generation.chosen',
  'display.reported',
  'code.known',
  'code.unknown',
  'serial.entered',
  'order.placed',
  'code.delivered',
  'code.accepted',
  'code.rejected',
  'timer.elapsed',
  'wait.continued',
  'blankChecks.done',
  'workshop.chosen',
  'restart',
];

export type NotifyReason = 'safeWait.over' | 'lockout.over';

export type Effect =
  /** Persist and show a countdown; schedule a reminder for `timer.endsAt`. */
  | { type: 'timer.started'; timer: Timer }
  /** The countdown is no longer needed (left early): cancel its reminder. */
  | { type: 'timer.cleared'; timer: Timer }
  /** Tell the user now (the countdown ended). */
  | { type: 'notify'; reason: NotifyReason }
  /** The case waits for this order; sync sends it from the outbox. */
  | { type: 'order.requested'; orderKey: string; serial: string | null; generation: GenerationId | null }
  /** Show the "last try before an hour-long lockout" warning. */
  | { type: 'warn'; reason: 'lastAttempt' };
export type EffectType = Effect['type'];

export interface TransitionResult {
  state: DiagnosisState;
  effects: Effect[];
}

/** i18n keys (relative to the `guide` namespace) for each state's screen. */
export const STATE_KEYS: Readonly<Record<StateName, { title: string; body: string }>> = Object.fromEntries(
  STATE_NAMES.map((name) => [name, { title: `machine.${name}.title`, body: `machine.${name}.body` }]),
) as Record<StateName, { title: string; body: string }>;

/** Shown instead of STATE_KEYS.safeWait once the hour ran out and the radio still shows SAFE. */
export const SAFE_WAIT_OVER_KEYS = { title: 'machine.safeWait.over.title', body: 'machine.safeWait.over.body' } as const;

export const NOTIFY_KEYS: Readonly<Record<NotifyReason, { title: string; body: string }>> = {
  'safeWait.over': { title: 'notify.safeWaitOver.title', body: 'notify.safeWaitOver.body' },
  'lockout.over': { title: 'notify.lockoutOver.title', body: 'notify.lockoutOver.body' },
};

/** Plural key (`_one`/`_other`) with `{{count}}`: "2 attempts left". */
export const ATTEMPTS_LEFT_KEY = 'machine.enterCode.attemptsLeft';
export const LAST_ATTEMPT_KEY = 'machine.enterCode.lastAttempt';

const CODE_PATTERN = /^\d{4,5}$/;

export function isValidCode(code: string): boolean {
  return CODE_PATTERN.test(code);
}

export function initialState(generation?: GenerationId | null, now = 0): DiagnosisState {
  const context: DiagnosisContext = {
    generation: generation ?? null,
    unit: null,
    attempts: 0,
    code: null,
    serial: null,
    orderKey: null,
    since: now,
  };
  return generation ? { ...context, value: 'display' } : { ...context, value: 'identify' };
}

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
  if (!timer || now < timer.endsAt) return [];
  if (state.value === 'safeWait' && state.over) return [];
  return [{ type: 'timer.elapsed' }];
}

export function can(state: DiagnosisState, event: DiagnosisEvent, now: number = Number.POSITIVE_INFINITY): boolean {
  return step(state, event, now) !== null;
}

export function transition(state: DiagnosisState, event: DiagnosisEvent, now: number): TransitionResult {
  return step(state, event, now) ?? { state, effects: [] };
}

function startTimer(kind: Timer['kind'], now: number): Timer {
  return { kind, startedAt: now, endsAt: now + (kind === 'safeWait' ? SAFE_WAIT_MS : LOCKOUT_MS) };
}

function contextOf(state: DiagnosisState, now: number): DiagnosisContext {
  const { generation, unit, attempts, code, serial, orderKey } = state;
  return { generation, unit, attempts, code, serial, orderKey, since: now };
}

function enterCode(context: DiagnosisContext): StateOf<'enterCode'> {
  const attemptsLeft = Math.max(0, ATTEMPT_LIMIT - context.attempts);
  return { ...context, value: 'enterCode', attemptsLeft, lastAttempt: attemptsLeft === 1 };
}

function lockout(context: DiagnosisContext, cause: 'attempts' | 'display', now: number): TransitionResult {
  const timer = startTimer('lockout', now);
  return { state: { ...context, value: 'lockout', timer, cause }, effects: [{ type: 'timer.started', timer }] };
}

/** Where a reported display message leads, from any state that asks "what does it show?". */
function routeDisplay(context: DiagnosisContext, message: DisplayMessage, now: number): TransitionResult {
  switch (message) {
    case 'SAFE': {
      const timer = startTimer('safeWait', now);
      return { state: { ...context, value: 'safeWait', timer, over: false }, effects: [{ type: 'timer.started', timer }] };
    }
    case 'CODE':
      return { state: { ...context, value: 'haveCode' }, effects: [] };
    case '1000':
    case 'WAIT':
    case 'CODE WAIT':
      return lockout(context, 'display', now);
    case 'DISABLED':
      return { state: { ...context, value: 'notCodeLock' }, effects: [] };
    case 'blank':
      return { state: { ...context, value: 'blankChecks' }, effects: [] };
    case 'normal':
      return { state: { ...context, value: 'done', attempts: 0 }, effects: [] };
  }
}

/** Leaving a state that still has a running countdown: say so, so its reminder is cancelled. */
function withCleared(from: DiagnosisState, result: TransitionResult, now: number): TransitionResult {
  const timer = timerOf(from);
  if (!timer || now >= timer.endsAt || timerOf(result.state) === timer) return result;
  return { state: result.state, effects: [{ type: 'timer.cleared', timer }, ...result.effects] };
}

/** The transition table. `null` = the event is not accepted here (the state stays as it is). */
function step(state: DiagnosisState, event: DiagnosisEvent, rawNow: number): TransitionResult | null {
  const now = Math.max(rawNow, state.since);
  const context = contextOf(state, now);

  if (event.type === 'restart') {
    // The radio stays locked whatever the app does: a running lockout cannot be restarted away.
    if (state.value === 'lockout' || state.value === 'identify') return null;
    const attempts = state.value === 'done' ? 0 : state.attempts;
    const next: DiagnosisState = { ...context, value: 'identify', generation: null, unit: null, attempts };
    return withCleared(state, { state: next, effects: [] }, now);
  }

  switch (state.value) {
    case 'identify':
    case 'display': {
      if (event.type === 'generation.chosen') {
        if (!isGenerationId(event.generation)) return null;
        const unit = event.unit ?? null;
        if (unit !== null && !(takesNoCode(unit) && event.generation === 'f54-f60')) return null;
        const next = { ...context, generation: event.generation, unit };
        return { state: unit !== null ? { ...next, value: 'dealer' } : { ...next, value: 'display' }, effects: [] };
      }
      if (state.value === 'display' && event.type === 'display.reported') return routeDisplay(context, event.message, now);
      return null;
    }

    case 'workshop':
      return event.type === 'display.reported' ? routeDisplay(context, event.message, now) : null;

    case 'safeWait': {
      if (event.type === 'display.reported') {
        if (event.message === 'SAFE') return null;
        return withCleared(state, routeDisplay(context, event.message, now), now);
      }
      if (event.type === 'timer.elapsed') {
        if (state.over || now < state.timer.endsAt) return null;
        return { state: { ...context, value: 'safeWait', timer: state.timer, over: true }, effects: [{ type: 'notify', reason: 'safeWait.over' }] };
      }
      if (event.type === 'wait.continued') {
        if (!state.over) return null;
        const timer = startTimer('safeWait', now);
        return { state: { ...context, value: 'safeWait', timer, over: false }, effects: [{ type: 'timer.started', timer }] };
      }
      if (event.type === 'workshop.chosen') return withCleared(state, { state: { ...context, value: 'workshop' }, effects: [] }, now);
      return null;
    }

    case 'haveCode': {
      if (event.type === 'code.known') {
        if (event.code !== undefined && !isValidCode(event.code)) return null;
        return { state: enterCode({ ...context, code: event.code ?? context.code }), effects: [] };
      }
      if (event.type === 'code.unknown') return { state: { ...context, value: 'findSerial' }, effects: [] };
      return null;
    }

    case 'findSerial':
    case 'order': {
      if (event.type === 'serial.entered') {
        const serial = event.serial.trim();
        if (serial === '') return null;
        return { state: { ...context, value: 'order', serial }, effects: [] };
      }
      if (state.value === 'order' && event.type === 'order.placed') {
        if (event.orderKey === '') return null;
        const next: DiagnosisState = { ...context, value: 'awaitingCode', orderKey: event.orderKey };
        return {
          state: next,
          effects: [{ type: 'order.requested', orderKey: event.orderKey, serial: next.serial, generation: next.generation }],
        };
      }
      // Found the code card after all.
      if (event.type === 'code.known' && event.code !== undefined && isValidCode(event.code)) {
        return { state: enterCode({ ...context, code: event.code }), effects: [] };
      }
      return null;
    }

    case 'awaitingCode': {
      if ((event.type === 'code.delivered' || event.type === 'code.known') && event.code !== undefined && isValidCode(event.code)) {
        return { state: enterCode({ ...context, code: event.code }), effects: [] };
      }
      return null;
    }

    case 'enterCode': {
      if (event.type === 'code.accepted') return { state: { ...context, value: 'done', attempts: 0 }, effects: [] };
      if (event.type === 'code.rejected') {
        const counted = { ...context, attempts: context.attempts + 1 };
        if (counted.attempts >= ATTEMPT_LIMIT || (event.display !== undefined && LOCKOUT_MESSAGES.includes(event.display))) {
          return lockout(counted, 'attempts', now);
        }
        const next = enterCode(counted);
        return { state: next, effects: next.lastAttempt ? [{ type: 'warn', reason: 'lastAttempt' }] : [] };
      }
      if (event.type === 'display.reported' && LOCKOUT_MESSAGES.includes(event.message)) return lockout(context, 'display', now);
      if ((event.type === 'code.delivered' || event.type === 'code.known') && event.code !== undefined && isValidCode(event.code)) {
        if (event.code === state.code) return null;
        return { state: enterCode({ ...context, code: event.code }), effects: [] };
      }
      return null;
    }

    case 'lockout': {
      if (event.type === 'timer.elapsed') {
        if (now < state.timer.endsAt) return null;
        const reset = { ...context, attempts: 0 };
        const next: DiagnosisState = reset.code !== null ? enterCode(reset) : { ...reset, value: 'haveCode' };
        return { state: next, effects: [{ type: 'notify', reason: 'lockout.over' }] };
      }
      // A code arriving during the hour is kept for when CODE returns; the countdown is untouched.
      if (event.type === 'code.delivered' && isValidCode(event.code) && event.code !== state.code) {
        return { state: { ...state, code: event.code, since: now }, effects: [] };
      }
      return null;
    }

    case 'blankChecks': {
      if (event.type === 'blankChecks.done') return { state: { ...context, value: 'display' }, effects: [] };
      if (event.type === 'workshop.chosen') return { state: { ...context, value: 'workshop' }, effects: [] };
      return null;
    }

    case 'notCodeLock':
    case 'dealer':
    case 'done':
      return null;
  }
}
