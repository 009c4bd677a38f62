// The guided-recovery state machine for one head unit: the transition table, pure data in and out (DESIGN.md § Diagnosis state machine).
import { isGenerationId, takesNoCode } from './generations';
import { isValidCode } from './radio-code';
import { rejectionsOf, timerOf } from './diagnosis-queries';
import {
  ATTEMPT_LIMIT,
  LOCKOUT_EXTENSION_MS,
  LOCKOUT_MESSAGES,
  LOCKOUT_MS,
  SAFE_WAIT_MS,
  type DiagnosisContext,
  type DiagnosisEvent,
  type DiagnosisState,
  type DisplayMessage,
  type StateOf,
  type Timer,
  type TransitionResult,
} from './diagnosis-states';
import type { GenerationId } from './generations';

export * from './diagnosis-states';
export * from './diagnosis-queries';
export { isValidCode } from './radio-code';

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
 *   finished lockout or an accepted code clears it (not `restart`, not `display.recheck`).
 * - A countdown's end is a question, not a conclusion: the state stays, marked `over`, until the
 *   user says what the radio shows.
 * - i18n keys are relative to the `guide` namespace (see diagnosis-states.ts).
 */

export function initialState(generation?: GenerationId | null, now = 0): DiagnosisState {
  const context: DiagnosisContext = {
    generation: generation ?? null,
    unit: null,
    attempts: 0,
    code: null,
    serial: null,
    orderKey: null,
    rejectedCodes: [],
    since: now,
  };
  return generation ? { ...context, value: 'display' } : { ...context, value: 'identify' };
}

export function can(state: DiagnosisState, event: DiagnosisEvent, now: number = Number.POSITIVE_INFINITY): boolean {
  return step(state, event, now) !== null;
}

export function transition(state: DiagnosisState, event: DiagnosisEvent, now: number): TransitionResult {
  return step(state, event, now) ?? { state, effects: [] };
}

function startTimer(kind: Timer['kind'], now: number, duration = kind === 'safeWait' ? SAFE_WAIT_MS : LOCKOUT_MS): Timer {
  return { kind, startedAt: now, endsAt: now + duration };
}

function contextOf(state: DiagnosisState, now: number): DiagnosisContext {
  const { generation, unit, attempts, code, serial, orderKey } = state;
  return { generation, unit, attempts, code, serial, orderKey, rejectedCodes: rejectionsOf(state), since: now };
}

function enterCode(context: DiagnosisContext): StateOf<'enterCode'> {
  const attemptsLeft = Math.max(0, ATTEMPT_LIMIT - context.attempts);
  return { ...context, value: 'enterCode', attemptsLeft, lastAttempt: attemptsLeft === 1 };
}

function moved(state: DiagnosisState): TransitionResult {
  return { state, effects: [] };
}

function lockout(context: DiagnosisContext, cause: 'attempts' | 'display', now: number, duration = LOCKOUT_MS): TransitionResult {
  return moved({ ...context, value: 'lockout', timer: startTimer('lockout', now, duration), cause, over: false });
}

function safeWait(context: DiagnosisContext, now: number): TransitionResult {
  return moved({ ...context, value: 'safeWait', timer: startTimer('safeWait', now), over: false });
}

/** CODE is back after a lockout: new tries, but a code the radio already refused is not offered again unasked. */
function afterLockout(context: DiagnosisContext): TransitionResult {
  const reset = { ...context, attempts: 0 };
  if (reset.code === null) return moved({ ...reset, value: 'haveCode' });
  if (rejectionsOf({ ...reset, value: 'haveCode' }).includes(reset.code)) return moved({ ...reset, value: 'codeSuspect' });
  return moved(enterCode(reset));
}

/** Where a reported display message leads, from any state that asks "what does it show?". */
function routeDisplay(context: DiagnosisContext, message: DisplayMessage, now: number, codeNeedDisputed = false): TransitionResult {
  switch (message) {
    case 'SAFE':
      return codeNeedDisputed ? moved({ ...context, value: 'codeDispute', onward: 'safeWait' }) : safeWait(context, now);
    case 'CODE':
      return moved({ ...context, value: 'haveCode' });
    case '1000':
    case 'WAIT':
    case 'CODE WAIT':
      return lockout(context, 'display', now);
    case 'DISABLED':
      return moved({ ...context, value: 'notCodeLock' });
    case 'blank':
      return moved({ ...context, value: 'blankChecks' });
    case 'normal':
      return moved({ ...context, value: 'done', attempts: 0 });
  }
}

/** Leaving a state that still has a running countdown: say so, so its reminder is cancelled. */
function withCleared(from: DiagnosisState, result: TransitionResult, now: number): TransitionResult {
  const timer = timerOf(from);
  if (!timer || now >= timer.endsAt || timerOf(result.state) === timer) return result;
  return { state: result.state, effects: [{ type: 'timer.cleared', timer }, ...result.effects] };
}

/**
 * Where "what does the radio show?" may be asked again. Not before a car is chosen, not for a
 * dealer-only unit (nothing to ask), and not during a lockout the radio's own counter started:
 * the radio stays locked whatever the app records, so the app waits the hour out with it.
 */
function mayRecheck(state: DiagnosisState): boolean {
  if (state.generation === null || state.value === 'identify' || state.value === 'display' || state.value === 'dealer') return false;
  if (state.value === 'lockout') return state.cause === 'display' && state.over !== true;
  return true;
}

/** A new code (typed or delivered) replaces the one in hand. */
function newCode(event: DiagnosisEvent, current: string | null): string | null {
  if (event.type !== 'code.delivered' && event.type !== 'code.known') return null;
  if (event.code === undefined || !isValidCode(event.code) || event.code === current) return null;
  return event.code;
}

/** The transition table. `null` = the event is not accepted here (the state stays as it is). */
function step(state: DiagnosisState, event: DiagnosisEvent, rawNow: number): TransitionResult | null {
  const now = Math.max(rawNow, state.since);
  const context = contextOf(state, now);

  if (event.type === 'restart') {
    // The radio stays locked whatever the app does: a running lockout cannot be restarted away.
    if ((state.value === 'lockout' && state.over !== true) || state.value === 'identify') return null;
    // The radio's counter is clear once it works or its lockout hour is over; otherwise it still counts.
    const attempts = state.value === 'done' || (state.value === 'lockout' && state.over === true) ? 0 : state.attempts;
    const next: DiagnosisState = { ...context, value: 'identify', generation: null, unit: null, attempts };
    return withCleared(state, moved(next), now);
  }

  if (event.type === 'display.recheck') {
    if (!mayRecheck(state)) return null;
    return withCleared(state, moved({ ...context, value: 'display' }), now);
  }

  switch (state.value) {
    case 'identify':
    case 'display': {
      if (event.type === 'generation.chosen') {
        if (!isGenerationId(event.generation)) return null;
        const unit = event.unit ?? null;
        if (unit !== null && !(takesNoCode(unit) && event.generation === 'f54-f60')) return null;
        const next = { ...context, generation: event.generation, unit };
        return moved(unit !== null ? { ...next, value: 'dealer' } : { ...next, value: 'display' });
      }
      if (state.value === 'display' && event.type === 'display.reported') return routeDisplay(context, event.message, now, event.codeNeedDisputed);
      return null;
    }

    case 'codeDispute': {
      if (event.type !== 'dispute.understood') return null;
      return state.onward === 'safeWait' ? safeWait(context, now) : moved({ ...context, value: 'findSerial' });
    }

    case 'workshop':
      return event.type === 'display.reported' ? routeDisplay(context, event.message, now, event.codeNeedDisputed) : null;

    case 'safeWait': {
      if (event.type === 'display.reported') {
        // "Still SAFE" is an answer the screen handles (advice); it does not move the machine.
        if (event.message === 'SAFE') return null;
        return withCleared(state, routeDisplay(context, event.message, now), now);
      }
      if (event.type === 'timer.elapsed') {
        if (state.over || now < state.timer.endsAt) return null;
        return { state: { ...context, value: 'safeWait', timer: state.timer, over: true }, effects: [{ type: 'notify', reason: 'safeWait.over' }] };
      }
      if (event.type === 'wait.continued') return state.over ? safeWait(context, now) : null;
      if (event.type === 'workshop.chosen') return withCleared(state, moved({ ...context, value: 'workshop' }), now);
      return null;
    }

    case 'haveCode': {
      if (event.type === 'code.known') {
        if (event.code !== undefined && !isValidCode(event.code)) return null;
        return moved(enterCode({ ...context, code: event.code ?? context.code }));
      }
      if (event.type === 'code.unknown') {
        return moved(event.codeNeedDisputed === true ? { ...context, value: 'codeDispute', onward: 'findSerial' } : { ...context, value: 'findSerial' });
      }
      return null;
    }

    case 'findSerial':
    case 'order': {
      if (event.type === 'serial.entered') {
        const serial = event.serial.trim();
        if (serial === '') return null;
        return moved({ ...context, value: 'order', serial });
      }
      if (state.value === 'order' && event.type === 'order.placed') {
        if (event.orderKey === '') return null;
        return moved({ ...context, value: 'awaitingCode', orderKey: event.orderKey });
      }
      // Found the code card after all.
      if (event.type === 'code.known' && event.code !== undefined && isValidCode(event.code)) {
        return moved(enterCode({ ...context, code: event.code }));
      }
      return null;
    }

    case 'awaitingCode': {
      if ((event.type === 'code.delivered' || event.type === 'code.known') && event.code !== undefined && isValidCode(event.code)) {
        return moved(enterCode({ ...context, code: event.code }));
      }
      return null;
    }

    case 'enterCode': {
      if (event.type === 'code.accepted') return moved({ ...context, value: 'done', attempts: 0 });
      if (event.type === 'code.rejected') {
        const rejectedCodes = context.code !== null ? [...rejectionsOf(state), context.code] : rejectionsOf(state);
        const counted = { ...context, attempts: context.attempts + 1, rejectedCodes };
        if (counted.attempts >= ATTEMPT_LIMIT || (event.display !== undefined && LOCKOUT_MESSAGES.includes(event.display))) {
          return lockout(counted, 'attempts', now);
        }
        return moved(enterCode(counted));
      }
      if (event.type === 'display.reported' && LOCKOUT_MESSAGES.includes(event.message)) return lockout(context, 'display', now);
      if (event.type === 'serial.recheck') return moved({ ...context, value: 'findSerial' });
      const code = newCode(event, state.code);
      return code !== null ? moved(enterCode({ ...context, code })) : null;
    }

    case 'codeSuspect': {
      if (event.type === 'code.retry') return moved(enterCode(context));
      if (event.type === 'serial.recheck') return moved({ ...context, value: 'findSerial' });
      const code = newCode(event, state.code);
      return code !== null ? moved(enterCode({ ...context, code })) : null;
    }

    case 'lockout': {
      // A code arriving during (or after) the hour is kept for when CODE returns; the countdown is untouched.
      if (event.type === 'code.delivered' && isValidCode(event.code) && event.code !== state.code) {
        return moved({ ...state, code: event.code, since: now });
      }
      if (state.over !== true) {
        if (event.type !== 'timer.elapsed' || now < state.timer.endsAt) return null;
        return { state: { ...state, since: now, over: true }, effects: [{ type: 'notify', reason: 'lockout.over' }] };
      }
      if (event.type !== 'display.reported') return null;
      if (LOCKOUT_MESSAGES.includes(event.message)) return lockout(context, state.cause, now, LOCKOUT_EXTENSION_MS);
      // The hour is over: the radio has reset its counter, whatever it shows now.
      if (event.message === 'CODE') return afterLockout(context);
      return routeDisplay({ ...context, attempts: 0 }, event.message, now, event.codeNeedDisputed);
    }

    case 'blankChecks': {
      if (event.type === 'blankChecks.done') return moved({ ...context, value: 'display' });
      if (event.type === 'workshop.chosen') return moved({ ...context, value: 'workshop' });
      return null;
    }

    case 'notCodeLock':
    case 'dealer':
    case 'done':
      return null;
  }
}
