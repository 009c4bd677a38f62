// One car's recovery ("case"): the record storage keeps, and the pure helpers that move and sort it.
import type { GenerationId, VinBoundUnitId } from './generations';
import type { DiagnosisEvent, DiagnosisState, Effect, StateName, Timer } from './diagnosis-machine';
import { countdownEnded, dueEvents, initialState, isTerminal, timerOf, transition } from './diagnosis-machine';

export interface RadioCase {
  id: string;
  label: string;
  generation: GenerationId | null;
  /** Only for a VIN-bound head unit (late F60 NBT EVO): no code, dealer reset. */
  unit?: VinBoundUnitId;
  machine: DiagnosisState;
  serial?: string;
  /** Idempotency key of the outbox order attached to this case. */
  orderKey?: string;
  /** Kept on the device once the order service delivered it, for offline use. */
  deliveredCode?: string;
  createdAt: number;
  updatedAt: number;
  archivedAt?: number;
}

export interface CreateCaseInput {
  id: string;
  label: string;
  now: number;
  generation?: GenerationId | null;
}

export function createCase({ id, label, now, generation }: CreateCaseInput): RadioCase {
  return {
    id,
    label: label.trim(),
    generation: generation ?? null,
    machine: initialState(generation ?? null, now),
    createdAt: now,
    updatedAt: now,
  };
}

export interface ApplyResult {
  case: RadioCase;
  effects: Effect[];
  /** False when the machine did not accept the event (the case is returned unchanged). */
  changed: boolean;
}

/**
 * Moves the case's machine and mirrors what it learnt onto the case record. A delivered code is
 * kept on the case even when the machine is elsewhere (for example still in a lockout or restarted):
 * losing a paid-for code would be worse than storing it early.
 */
export function applyEvent(radioCase: RadioCase, event: DiagnosisEvent, now: number): ApplyResult {
  const { state, effects } = transition(radioCase.machine, event, now);
  const moved = state !== radioCase.machine;
  const delivered = event.type === 'code.delivered' && event.code !== radioCase.deliveredCode ? event.code : undefined;
  if (!moved && delivered === undefined) return { case: radioCase, effects, changed: false };

  const next: RadioCase = { ...radioCase, machine: state, updatedAt: Math.max(now, radioCase.updatedAt) };
  if (moved) {
    next.generation = state.generation;
    if (state.unit !== null) next.unit = state.unit;
    else delete next.unit;
    if (state.serial !== null) next.serial = state.serial;
    if (state.orderKey !== null) next.orderKey = state.orderKey;
  }
  if (delivered !== undefined) next.deliveredCode = delivered;
  return { case: next, effects, changed: true };
}

/** The countdown to show for this case, if one is running (or has run out and waits for its event). */
export function activeTimer(radioCase: RadioCase): Timer | null {
  const state = radioCase.machine;
  if (countdownEnded(state)) return null;
  return timerOf(state);
}

/** Milliseconds until the timer ends; never negative. */
export function timeLeft(timer: Timer, now: number): number {
  return Math.max(0, timer.endsAt - now);
}

/** Whole minutes left, rounded up, so "1 min" shows until the very end (a full hour matters). */
export function minutesLeft(timer: Timer, now: number): number {
  return Math.ceil(timeLeft(timer, now) / 60_000);
}

/** Events due for this case at `now` (a countdown that has ended). */
export function dueCaseEvents(radioCase: RadioCase, now: number): DiagnosisEvent[] {
  return dueEvents(radioCase.machine, now);
}

/** Ranks for the workshop list; lower needs attention sooner. */
export const ATTENTION_RANK = {
  /** A countdown has ended: the car needs someone now. */
  due: 0,
  /** The user has something to do (enter a code, answer a question). */
  action: 1,
  /** A countdown is running: sorted by when it ends. */
  waiting: 2,
  /** Waiting for the order service. */
  awaitingCode: 3,
  /** Nothing left to do here. */
  finished: 4,
  archived: 5,
} as const;

const ACTION_STATES: readonly StateName[] = ['identify', 'display', 'codeDispute', 'codeSuspect', 'haveCode', 'findSerial', 'order', 'enterCode', 'blankChecks', 'workshop'];

/**
 * Sort key for "what needs attention next": [rank, time, tiebreak]. Compare element by element
 * (see compareByAttention). Time is the timer's end for running countdowns, else the last update
 * (older first, so nothing is forgotten at the bottom of the list).
 */
export function attentionKey(radioCase: RadioCase, now: number): readonly [number, number, string] {
  const state = radioCase.machine;
  if (radioCase.archivedAt !== undefined) return [ATTENTION_RANK.archived, -radioCase.archivedAt, radioCase.id];
  if (dueEvents(state, now).length > 0 || countdownEnded(state)) {
    return [ATTENTION_RANK.due, timerOf(state)?.endsAt ?? radioCase.updatedAt, radioCase.id];
  }
  const timer = activeTimer(radioCase);
  if (timer) return [ATTENTION_RANK.waiting, timer.endsAt, radioCase.id];
  if (state.value === 'awaitingCode') return [ATTENTION_RANK.awaitingCode, radioCase.updatedAt, radioCase.id];
  if (isTerminal(state)) return [ATTENTION_RANK.finished, -radioCase.updatedAt, radioCase.id];
  if (ACTION_STATES.includes(state.value)) return [ATTENTION_RANK.action, radioCase.updatedAt, radioCase.id];
  return [ATTENTION_RANK.finished, -radioCase.updatedAt, radioCase.id];
}

export function compareByAttention(a: RadioCase, b: RadioCase, now: number): number {
  const ka = attentionKey(a, now);
  const kb = attentionKey(b, now);
  if (ka[0] !== kb[0]) return ka[0] - kb[0];
  if (ka[1] !== kb[1]) return ka[1] - kb[1];
  return ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0;
}

/** A new sorted array, most urgent first. */
export function sortByAttention(cases: readonly RadioCase[], now: number): RadioCase[] {
  return [...cases].sort((a, b) => compareByAttention(a, b, now));
}
