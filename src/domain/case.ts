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
  /** The car's model code (R56, F55…) when the user named it; the workshop list shows it to tell cars apart. */
  modelCode?: string;
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
    if (event.type === 'generation.chosen') {
      if (event.model !== undefined) next.modelCode = event.model;
      else delete next.modelCode;
    }
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

/**
 * What a case needs, in the order the workshop list shows it (DESIGN.md: "what needs a hand next"):
 * time up, lockout over, code arrived, countdown running, then the rest.
 */
export const ATTENTION_KINDS = ['timeUp', 'lockoutOver', 'codeArrived', 'waiting', 'action', 'awaitingCode', 'finished', 'archived'] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface Attention {
  kind: AttentionKind;
  /** Sort time within the kind, earliest first: when a countdown ends(ed), else when the case last moved. */
  at: number;
}

const ACTION_STATES: readonly StateName[] = ['identify', 'display', 'codeDispute', 'codeSuspect', 'haveCode', 'findSerial', 'order', 'enterCode', 'blankChecks', 'workshop'];

export function attentionOf(radioCase: RadioCase, now: number): Attention {
  const state = radioCase.machine;
  if (radioCase.archivedAt !== undefined) return { kind: 'archived', at: -radioCase.archivedAt };
  const timer = timerOf(state);
  const ended = timer !== null && now >= timer.endsAt;
  if (state.value === 'safeWait' && (ended || state.over)) return { kind: 'timeUp', at: state.timer.endsAt };
  if (state.value === 'lockout') return ended ? { kind: 'lockoutOver', at: state.timer.endsAt } : { kind: 'waiting', at: state.timer.endsAt };
  if (timer) return { kind: 'waiting', at: timer.endsAt };
  if (isTerminal(state)) return { kind: 'finished', at: -radioCase.updatedAt };
  if (state.value === 'enterCode' && radioCase.deliveredCode !== undefined && state.code === radioCase.deliveredCode && state.attempts === 0) {
    return { kind: 'codeArrived', at: radioCase.updatedAt };
  }
  if (state.value === 'awaitingCode') return { kind: 'awaitingCode', at: radioCase.updatedAt };
  if (ACTION_STATES.includes(state.value)) return { kind: 'action', at: radioCase.updatedAt };
  return { kind: 'finished', at: -radioCase.updatedAt };
}

/** Kinds the list highlights: a countdown ended and someone should go to the car. */
export function needsHandNow(kind: AttentionKind): boolean {
  return kind === 'timeUp' || kind === 'lockoutOver';
}

/**
 * Sort key for "what needs attention next": [rank, time, tiebreak], compared element by element
 * (see compareByAttention). Time within a rank is earliest first, so nothing is forgotten at the
 * bottom of the list; finished and archived cases show the most recent first.
 */
export function attentionKey(radioCase: RadioCase, now: number): readonly [number, number, string] {
  const { kind, at } = attentionOf(radioCase, now);
  return [ATTENTION_KINDS.indexOf(kind), at, radioCase.id];
}

function compareKeys(ka: ReturnType<typeof attentionKey>, kb: ReturnType<typeof attentionKey>): number {
  if (ka[0] !== kb[0]) return ka[0] - kb[0];
  if (ka[1] !== kb[1]) return ka[1] - kb[1];
  return ka[2] < kb[2] ? -1 : ka[2] > kb[2] ? 1 : 0;
}

export function compareByAttention(a: RadioCase, b: RadioCase, now: number): number {
  return compareKeys(attentionKey(a, now), attentionKey(b, now));
}

/** A new sorted array, most urgent first. Each key is worked out once, not once per comparison (a workshop has hundreds of cars). */
export function sortByAttention(cases: readonly RadioCase[], now: number): RadioCase[] {
  const keyed = cases.map((radioCase) => ({ radioCase, key: attentionKey(radioCase, now) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map(({ radioCase }) => radioCase);
}

/**
 * What tells this car apart from the others in a list: its model code when known, else the
 * generation's model range ("R55–R59"), which reads the same in every language; null when unknown.
 */
export function carModelLabel(radioCase: Pick<RadioCase, 'modelCode' | 'generation'>): string | null {
  if (radioCase.modelCode) return radioCase.modelCode;
  return radioCase.generation ? radioCase.generation.toUpperCase().replace('-', '–') : null;
}
