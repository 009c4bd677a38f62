// Case record helpers: events mirrored onto the case, timers, and the workshop's "what next" order.
import { describe, expect, it } from 'vitest';
import type { DiagnosisEvent } from './diagnosis-machine';
import { LOCKOUT_MS, SAFE_WAIT_MS } from './diagnosis-machine';
import type { RadioCase } from './case';
import { activeTimer, applyEvent, attentionOf, carModelLabel, createCase, dueCaseEvents, minutesLeft, needsHandNow, sortByAttention, timeLeft } from './case';

const T0 = Date.UTC(2025, 2, 1, 8, 0, 0);
const MIN = 60_000;

function play(c: RadioCase, events: [DiagnosisEvent, number][]): RadioCase {
  return events.reduce((acc, [event, now]) => {
    const r = applyEvent(acc, event, now);
    expect(r.changed, `${acc.machine.value} should accept ${event.type}`).toBe(true);
    return r.case;
  }, c);
}

describe('createCase', () => {
  it('starts in identify, or in display when the generation is known', () => {
    const a = createCase({ id: 'a', label: '  Red R56  ', now: T0 });
    expect(a).toMatchObject({ id: 'a', label: 'Red R56', generation: null, createdAt: T0, updatedAt: T0 });
    expect(a.machine.value).toBe('identify');
    expect(createCase({ id: 'b', label: 'x', now: T0, generation: 'f55-f57' }).machine.value).toBe('display');
  });
});

describe('applyEvent', () => {
  it('keeps the model code the owner named, and forgets it when another generation is chosen without one', () => {
    const named = play(createCase({ id: 'a', label: 'x', now: T0 }), [[{ type: 'generation.chosen', generation: 'r55-r59', model: 'R57' }, T0 + 1]]);
    expect(named.modelCode).toBe('R57');
    expect(carModelLabel(named)).toBe('R57');
    const again = play(named, [
      [{ type: 'restart' }, T0 + 3],
      [{ type: 'generation.chosen', generation: 'f55-f57' }, T0 + 4],
    ]);
    expect(again.modelCode).toBeUndefined();
  });

  it('mirrors generation, serial and order key onto the case', () => {
    const c = play(createCase({ id: 'a', label: 'x', now: T0 }), [
      [{ type: 'generation.chosen', generation: 'r55-r59' }, T0 + 1],
      [{ type: 'display.reported', message: 'CODE' }, T0 + 2],
      [{ type: 'code.unknown' }, T0 + 3],
      [{ type: 'serial.entered', serial: 'BP1234567890' }, T0 + 4],
    ]);
    expect(c).toMatchObject({ generation: 'r55-r59', serial: 'BP1234567890', updatedAt: T0 + 4 });
    const placed = applyEvent(c, { type: 'order.placed', orderKey: 'uuid-1' }, T0 + 5);
    expect(placed.case.orderKey).toBe('uuid-1');
    expect(placed.changed).toBe(true);
    const delivered = applyEvent(placed.case, { type: 'code.delivered', code: '1234' }, T0 + 6);
    expect(delivered.case.deliveredCode).toBe('1234');
    expect(delivered.case.machine.value).toBe('enterCode');
  });

  it('returns the same case object for an event the machine refuses', () => {
    const c = createCase({ id: 'a', label: 'x', now: T0 });
    const r = applyEvent(c, { type: 'code.accepted' }, T0 + 1);
    expect(r).toEqual({ case: c, effects: [], changed: false });
    expect(r.case).toBe(c);
  });

  it('keeps a delivered code even where the machine does not take it', () => {
    const c = createCase({ id: 'a', label: 'x', now: T0, generation: 'f55-f57' });
    const r = applyEvent(c, { type: 'code.delivered', code: '4321' }, T0 + 1);
    expect(r.changed).toBe(true);
    expect(r.case.deliveredCode).toBe('4321');
    expect(r.case.machine).toBe(c.machine);
  });

  it('records the VIN-bound unit', () => {
    const c = play(createCase({ id: 'a', label: 'x', now: T0 }), [[{ type: 'generation.chosen', generation: 'f54-f60', unit: 'f60-nbt-evo' }, T0]]);
    expect(c.unit).toBe('f60-nbt-evo');
    expect(c.machine.value).toBe('dealer');
  });

  it('never moves updatedAt backwards when the clock does', () => {
    const c = play(createCase({ id: 'a', label: 'x', now: T0, generation: 'r55-r59' }), [[{ type: 'display.reported', message: 'CODE' }, T0 - 5 * MIN]]);
    expect(c.updatedAt).toBe(T0);
  });
});

describe('timers', () => {
  it('shows the running countdown, minutes rounded up, and its due event at the end', () => {
    const c = play(createCase({ id: 'a', label: 'x', now: T0, generation: 'r55-r59' }), [[{ type: 'display.reported', message: 'SAFE' }, T0]]);
    const timer = activeTimer(c);
    expect(timer).toEqual({ kind: 'safeWait', startedAt: T0, endsAt: T0 + SAFE_WAIT_MS });
    if (!timer) return;
    expect(timeLeft(timer, T0 + 10 * MIN)).toBe(50 * MIN);
    expect(timeLeft(timer, T0 + 2 * SAFE_WAIT_MS)).toBe(0);
    expect(minutesLeft(timer, timer.endsAt - 1)).toBe(1);
    expect(minutesLeft(timer, timer.endsAt)).toBe(0);
    expect(dueCaseEvents(c, timer.endsAt - 1)).toEqual([]);
    expect(dueCaseEvents(c, timer.endsAt)).toEqual([{ type: 'timer.elapsed' }]);
    const over = play(c, [[{ type: 'timer.elapsed' }, timer.endsAt]]);
    expect(activeTimer(over)).toBeNull();
  });

  it('a lockout whose hour is up shows no countdown and is due (it asks whether CODE is back)', () => {
    const c = play(createCase({ id: 'a', label: 'x', now: T0, generation: 'r55-r59' }), [[{ type: 'display.reported', message: 'WAIT' }, T0]]);
    const over = play(c, [[{ type: 'timer.elapsed' }, T0 + LOCKOUT_MS]]);
    expect(over.machine).toMatchObject({ value: 'lockout', over: true });
    expect(activeTimer(over)).toBeNull();
    expect(dueCaseEvents(over, T0 + 2 * LOCKOUT_MS)).toEqual([]);
    const waiting = play(createCase({ id: 'b', label: 'y', now: T0, generation: 'r55-r59' }), [[{ type: 'display.reported', message: 'SAFE' }, T0 + MIN]]);
    expect(sortByAttention([waiting, over], T0 + LOCKOUT_MS).map((x) => x.id)).toEqual(['a', 'b']);
  });

  it('has no timer outside safeWait and lockout', () => {
    expect(activeTimer(createCase({ id: 'a', label: 'x', now: T0 }))).toBeNull();
  });
});

describe('sortByAttention', () => {
  const base = (id: string, now = T0) => createCase({ id, label: id, now, generation: 'r55-r59' });
  const toCode = (c: RadioCase, now: number): RadioCase => play(c, [[{ type: 'display.reported', message: 'CODE' }, now]]);
  const ordered = (c: RadioCase, now: number): RadioCase =>
    play(toCode(c, now), [
      [{ type: 'code.unknown' }, now],
      [{ type: 'serial.entered', serial: 'BP1234567890' }, now],
      [{ type: 'order.placed', orderKey: `key-${c.id}` }, now],
    ]);

  it('puts time up, lockout over, code arrived, running countdowns (soonest end first), then the rest', () => {
    const now = T0 + 2 * LOCKOUT_MS;
    const timeUp = play(base('timeUp'), [[{ type: 'display.reported', message: 'SAFE' }, T0]]);
    const lockoutOver = play(base('lockoutOver'), [
      [{ type: 'display.reported', message: 'WAIT' }, T0],
      [{ type: 'timer.elapsed' }, T0 + LOCKOUT_MS],
    ]);
    const codeArrived = play(ordered(base('codeArrived'), T0), [[{ type: 'code.delivered', code: '1234' }, T0 + MIN]]);
    const lockedLater = play(base('lockedLater'), [[{ type: 'display.reported', message: 'WAIT' }, now - 5 * MIN]]);
    const waitingSooner = play(base('waitingSooner'), [[{ type: 'display.reported', message: 'SAFE' }, now - 30 * MIN]]);
    const todo = base('todo');
    const awaiting = ordered(base('awaiting'), T0);
    const finished = play(base('finished'), [[{ type: 'display.reported', message: 'normal' }, T0]]);
    const archived = { ...base('archived'), archivedAt: T0 };
    const all = [archived, finished, awaiting, todo, lockedLater, waitingSooner, codeArrived, lockoutOver, timeUp];

    const sorted = sortByAttention(all, now);
    expect(sorted.map((c) => c.id)).toEqual(['timeUp', 'lockoutOver', 'codeArrived', 'waitingSooner', 'lockedLater', 'todo', 'awaiting', 'finished', 'archived']);
    expect(sorted.map((c) => attentionOf(c, now).kind)).toEqual([
      'timeUp',
      'lockoutOver',
      'codeArrived',
      'waiting',
      'waiting',
      'action',
      'awaitingCode',
      'finished',
      'archived',
    ]);
  });

  it('calls a lockout over as soon as its hour is up, before the clock event has been applied', () => {
    const locked = play(base('a'), [[{ type: 'display.reported', message: 'CODE WAIT' }, T0]]);
    expect(attentionOf(locked, T0 + LOCKOUT_MS - 1)).toEqual({ kind: 'waiting', at: T0 + LOCKOUT_MS });
    expect(attentionOf(locked, T0 + LOCKOUT_MS)).toEqual({ kind: 'lockoutOver', at: T0 + LOCKOUT_MS });
    expect(needsHandNow('lockoutOver')).toBe(true);
    expect(needsHandNow('timeUp')).toBe(true);
    expect(needsHandNow('codeArrived')).toBe(false);
  });

  it('keeps "lockout over" (from the end of the hour, not the late sweep) until the user answers what the radio shows', () => {
    const locked = play(base('a'), [[{ type: 'display.reported', message: 'WAIT' }, T0]]);
    const over = play(locked, [[{ type: 'timer.elapsed' }, T0 + 3 * LOCKOUT_MS]]);
    expect(attentionOf(over, T0 + 4 * LOCKOUT_MS)).toEqual({ kind: 'lockoutOver', at: T0 + LOCKOUT_MS });
    // A code arriving does not answer "is CODE back?".
    const delivered = applyEvent(over, { type: 'code.delivered', code: '4321' }, T0 + 4 * LOCKOUT_MS).case;
    expect(attentionOf(delivered, T0 + 4 * LOCKOUT_MS).kind).toBe('lockoutOver');
    const answered = play(delivered, [[{ type: 'display.reported', message: 'CODE' }, T0 + 4 * LOCKOUT_MS]]);
    expect(attentionOf(answered, T0 + 4 * LOCKOUT_MS).kind).not.toBe('lockoutOver');
  });

  it('says "code arrived" only until the first try with that code', () => {
    const arrived = play(ordered(base('a'), T0), [[{ type: 'code.delivered', code: '1234' }, T0 + MIN]]);
    expect(attentionOf(arrived, T0 + 2 * MIN).kind).toBe('codeArrived');
    const tried = play(arrived, [[{ type: 'code.rejected' }, T0 + 3 * MIN]]);
    expect(attentionOf(tried, T0 + 3 * MIN).kind).toBe('action');
  });

  it('puts the oldest untouched case first among things to do, so none is forgotten at the bottom', () => {
    const older = toCode(base('older'), T0);
    const newer = toCode(base('newer'), T0 + 5 * MIN);
    expect(sortByAttention([newer, older], T0 + 10 * MIN).map((c) => c.id)).toEqual(['older', 'newer']);
  });

  it('is a stable total order (same input, any order → same output)', () => {
    const cases = ['c', 'a', 'b'].map((id) => createCase({ id, label: id, now: T0 }));
    expect(sortByAttention(cases, T0).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(sortByAttention([...cases].reverse(), T0).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });
});

describe('carModelLabel', () => {
  it('names the model code when known, else the model range of the generation, else nothing', () => {
    expect(carModelLabel({ generation: 'r55-r59', modelCode: 'R56' })).toBe('R56');
    expect(carModelLabel({ generation: 'r55-r59' })).toBe('R55–R59');
    expect(carModelLabel({ generation: 'f54-f60' })).toBe('F54–F60');
    expect(carModelLabel({ generation: null })).toBeNull();
  });
});
