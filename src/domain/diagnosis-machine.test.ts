// Diagnosis machine: one test per edge of DESIGN.md, then properties over random event sequences.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GENERATION_IDS } from './generations';
import type { DiagnosisEvent, DiagnosisState, StateOf } from './diagnosis-machine';
import {
  ATTEMPT_LIMIT,
  DISPLAY_MESSAGES,
  DONE_WITHOUT_CODE_KEYS,
  LOCKOUT_EXTENSION_KEYS,
  LOCKOUT_EXTENSION_OVER_KEYS,
  LOCKOUT_EXTENSION_MS,
  LOCKOUT_MS,
  LOCKOUT_OVER_KEYS,
  SAFE_WAIT_OVER_KEYS,
  STATE_KEYS,
  SAFE_WAIT_MS,
  STATE_NAMES,
  can,
  countdownEnded,
  dueEvents,
  initialState,
  isLockoutExtension,
  isTerminal,
  matches,
  offersOrder,
  rejectionsOf,
  screenKeysOf,
  timerOf,
  timesRejected,
  transition,
} from './diagnosis-machine';

const T0 = Date.UTC(2025, 0, 15, 9, 0, 0);
const MIN = 60_000;

/** Runs events one after another at the given times, failing loudly if one is not accepted. */
function run(state: DiagnosisState, steps: [DiagnosisEvent, number][]): DiagnosisState {
  let current = state;
  for (const [event, now] of steps) {
    expect(can(current, event, now), `${current.value} should accept ${event.type}`).toBe(true);
    current = transition(current, event, now).state;
  }
  return current;
}

function expectState<N extends DiagnosisState['value']>(state: DiagnosisState, name: N): StateOf<N> {
  expect(state.value).toBe(name);
  if (!matches(state, name)) throw new Error('unreachable');
  return state;
}

const atDisplay = () => initialState('r55-r59', T0);
const atHaveCode = () => run(atDisplay(), [[{ type: 'display.reported', message: 'CODE' }, T0]]);
const atEnterCode = (code = '1234') => run(atHaveCode(), [[{ type: 'code.known', code }, T0]]);

describe('identify', () => {
  it('starts in identify without a generation and in display with one', () => {
    expect(initialState().value).toBe('identify');
    expect(initialState('f55-f57').value).toBe('display');
  });

  it('generation.chosen → display', () => {
    const { state, effects } = transition(initialState(), { type: 'generation.chosen', generation: 'f55-f57' }, T0);
    expect(expectState(state, 'display').generation).toBe('f55-f57');
    expect(effects).toEqual([]);
  });

  it('the VIN-bound F60 NBT EVO unit → dealer, with no order offered', () => {
    const { state } = transition(initialState(), { type: 'generation.chosen', generation: 'f54-f60', unit: 'f60-nbt-evo' }, T0);
    expect(state.value).toBe('dealer');
    expect(state.unit).toBe('f60-nbt-evo');
    expect(offersOrder(state)).toBe(false);
    expect(isTerminal(state)).toBe(true);
  });

  it('refuses the VIN-bound unit on another generation and an unknown generation', () => {
    const s = initialState();
    expect(can(s, { type: 'generation.chosen', generation: 'r55-r59', unit: 'f60-nbt-evo' })).toBe(false);
    expect(can(s, { type: 'generation.chosen', generation: 'x' as never })).toBe(false);
  });
});

describe('display', () => {
  it('SAFE → safeWait with a 60-minute timer', () => {
    const { state, effects } = transition(atDisplay(), { type: 'display.reported', message: 'SAFE' }, T0);
    const s = expectState(state, 'safeWait');
    expect(s.timer).toEqual({ kind: 'safeWait', startedAt: T0, endsAt: T0 + SAFE_WAIT_MS });
    expect(SAFE_WAIT_MS).toBe(60 * MIN);
    expect(s.over).toBe(false);
    expect(effects).toEqual([]);
  });

  it('CODE → haveCode', () => {
    expect(transition(atDisplay(), { type: 'display.reported', message: 'CODE' }, T0).state.value).toBe('haveCode');
  });

  it.each(['1000', 'WAIT', 'CODE WAIT'] as const)('%s → lockout with a full hour', (message) => {
    const { state, effects } = transition(atDisplay(), { type: 'display.reported', message }, T0);
    const s = expectState(state, 'lockout');
    expect(s.timer).toEqual({ kind: 'lockout', startedAt: T0, endsAt: T0 + LOCKOUT_MS });
    expect(LOCKOUT_MS).toBe(60 * MIN);
    expect(s.cause).toBe('display');
    expect(effects).toEqual([]);
  });

  it('DISABLED → notCodeLock, no order offered', () => {
    const { state } = transition(initialState('r50-r53', T0), { type: 'display.reported', message: 'DISABLED' }, T0);
    expect(state.value).toBe('notCodeLock');
    expect(offersOrder(state)).toBe(false);
  });

  it('blank → blankChecks → blankChecks.done → display', () => {
    const s = run(atDisplay(), [[{ type: 'display.reported', message: 'blank' }, T0]]);
    expect(s.value).toBe('blankChecks');
    expect(transition(s, { type: 'blankChecks.done' }, T0 + MIN).state.value).toBe('display');
  });

  it('blankChecks still blank → workshop, which can report a display again', () => {
    const s = run(atDisplay(), [
      [{ type: 'display.reported', message: 'blank' }, T0],
      [{ type: 'workshop.chosen' }, T0],
    ]);
    expect(s.value).toBe('workshop');
    expect(transition(s, { type: 'display.reported', message: 'CODE' }, T0).state.value).toBe('haveCode');
  });

  it('works normally → done', () => {
    expect(transition(atDisplay(), { type: 'display.reported', message: 'normal' }, T0).state.value).toBe('done');
  });
});

const atSafe = () => run(atDisplay(), [[{ type: 'display.reported', message: 'SAFE' }, T0]]);

describe('safeWait', () => {
  it('display changed to CODE → haveCode, and the reminder is cancelled', () => {
    const safe = expectState(atSafe(), 'safeWait');
    const { state, effects } = transition(safe, { type: 'display.reported', message: 'CODE' }, T0 + 20 * MIN);
    expect(state.value).toBe('haveCode');
    expect(effects).toEqual([{ type: 'timer.cleared', timer: safe.timer }]);
  });

  it('SAFE again changes nothing', () => {
    const safe = atSafe();
    expect(can(safe, { type: 'display.reported', message: 'SAFE' }, T0)).toBe(false);
    expect(transition(safe, { type: 'display.reported', message: 'SAFE' }, T0).state).toBe(safe);
  });

  it('timer.elapsed is refused one millisecond early, accepted at the end: the state asks, then keep waiting or workshop', () => {
    const safe = expectState(atSafe(), 'safeWait');
    expect(can(safe, { type: 'timer.elapsed' }, safe.timer.endsAt - 1)).toBe(false);
    expect(dueEvents(safe, safe.timer.endsAt - 1)).toEqual([]);
    expect(dueEvents(safe, safe.timer.endsAt)).toEqual([{ type: 'timer.elapsed' }]);
    const { state, effects } = transition(safe, { type: 'timer.elapsed' }, safe.timer.endsAt);
    const over = expectState(state, 'safeWait');
    expect(over.over).toBe(true);
    expect(effects).toEqual([{ type: 'notify', reason: 'safeWait.over' }]);
    expect(dueEvents(over, over.timer.endsAt + 1)).toEqual([]);

    const later = safe.timer.endsAt + 5 * MIN;
    const again = transition(over, { type: 'wait.continued' }, later);
    const waiting = expectState(again.state, 'safeWait');
    expect(waiting.timer).toEqual({ kind: 'safeWait', startedAt: later, endsAt: later + SAFE_WAIT_MS });
    expect(waiting.over).toBe(false);
    expect(again.effects).toEqual([]);

    expect(transition(over, { type: 'workshop.chosen' }, later).state.value).toBe('workshop');
  });

  it('wait.continued is refused while the hour is still running', () => {
    expect(can(atSafe(), { type: 'wait.continued' })).toBe(false);
  });
});

describe('haveCode → order → awaitingCode', () => {
  it('code.known → enterCode with the code', () => {
    const s = expectState(transition(atHaveCode(), { type: 'code.known', code: '1234' }, T0).state, 'enterCode');
    expect(s.code).toBe('1234');
    expect(s.attemptsLeft).toBe(ATTEMPT_LIMIT);
  });

  it('code.known without the code → enterCode (typed in the coach later)', () => {
    expect(transition(atHaveCode(), { type: 'code.known' }, T0).state.value).toBe('enterCode');
  });

  it('refuses a code that is not 4–5 digits', () => {
    expect(can(atHaveCode(), { type: 'code.known', code: '12a4' })).toBe(false);
    expect(can(atHaveCode(), { type: 'code.known', code: '123' })).toBe(false);
  });

  it('no code → findSerial → order → awaitingCode → delivered → enterCode with the code', () => {
    const find = transition(atHaveCode(), { type: 'code.unknown' }, T0).state;
    expect(find.value).toBe('findSerial');
    expect(can(find, { type: 'serial.entered', serial: '   ' })).toBe(false);
    const order = transition(find, { type: 'serial.entered', serial: ' BP1234567890 ' }, T0);
    expect(expectState(order.state, 'order').serial).toBe('BP1234567890');
    const placed = transition(order.state, { type: 'order.placed', orderKey: 'key-1' }, T0 + MIN);
    expect(expectState(placed.state, 'awaitingCode').orderKey).toBe('key-1');
    expect(placed.effects).toEqual([]);
    expect(offersOrder(placed.state)).toBe(true);
    const entering = transition(placed.state, { type: 'code.delivered', code: '4512' }, T0 + 2 * MIN);
    expect(expectState(entering.state, 'enterCode').code).toBe('4512');
  });
});

describe('enterCode', () => {
  it('accepted → done, counter cleared', () => {
    const s = transition(atEnterCode(), { type: 'code.accepted' }, T0).state;
    expect(s.value).toBe('done');
    expect(s.attempts).toBe(0);
    expect(offersOrder(s)).toBe(false);
  });

  it('counts rejections, marks the last try, locks at the limit, and records each rejected code', () => {
    let s: DiagnosisState = atEnterCode();
    const first = transition(s, { type: 'code.rejected' }, T0 + 1);
    s = expectState(first.state, 'enterCode');
    expect([s.attempts, s.attemptsLeft, s.lastAttempt]).toEqual([1, 2, false]);
    expect(first.effects).toEqual([]);

    const second = transition(s, { type: 'code.rejected' }, T0 + 2);
    s = expectState(second.state, 'enterCode');
    expect([s.attempts, s.attemptsLeft, s.lastAttempt]).toEqual([2, 1, true]);
    expect(second.effects).toEqual([]);
    expect(s.rejectedCodes).toEqual(['1234', '1234']);

    const third = transition(s, { type: 'code.rejected' }, T0 + 3);
    const locked = expectState(third.state, 'lockout');
    expect(locked.attempts).toBe(ATTEMPT_LIMIT);
    expect(locked.cause).toBe('attempts');
    expect(locked.timer).toEqual({ kind: 'lockout', startedAt: T0 + 3, endsAt: T0 + 3 + LOCKOUT_MS });
    expect(third.effects).toEqual([]);
    expect(timesRejected(locked, '1234')).toBe(ATTEMPT_LIMIT);
  });

  it.each(['WAIT', '1000', 'CODE WAIT'] as const)('a rejection that shows %s → lockout at once', (display) => {
    const s = transition(atEnterCode(), { type: 'code.rejected', display }, T0).state;
    expect(expectState(s, 'lockout').attempts).toBe(1);
  });

  it('the display reporting CODE WAIT while entering → lockout', () => {
    expect(transition(atEnterCode(), { type: 'display.reported', message: 'CODE WAIT' }, T0).state.value).toBe('lockout');
    expect(can(atEnterCode(), { type: 'display.reported', message: 'SAFE' })).toBe(false);
  });
});

const locked = (code?: string) => {
  let s: DiagnosisState = code ? atEnterCode(code) : atDisplay();
  if (code) for (let i = 0; i < ATTEMPT_LIMIT; i++) s = transition(s, { type: 'code.rejected' }, T0).state;
  else s = transition(s, { type: 'display.reported', message: 'CODE WAIT' }, T0).state;
  return expectState(s, 'lockout');
};

describe('lockout', () => {
  it('is a full hour: 59:59.999 is not enough', () => {
    const s = locked('1234');
    expect(can(s, { type: 'timer.elapsed' }, T0 + LOCKOUT_MS - 1)).toBe(false);
    expect(transition(s, { type: 'timer.elapsed' }, T0 + LOCKOUT_MS - 1).state).toBe(s);
  });

  it('after the hour it asks, it does not assume: the lockout stays, marked over, and notifies once', () => {
    const { state, effects } = transition(locked('1234'), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS);
    const s = expectState(state, 'lockout');
    expect(s.over).toBe(true);
    expect(countdownEnded(s)).toBe(true);
    expect(effects).toEqual([{ type: 'notify', reason: 'lockout.over' }]);
    expect(dueEvents(s, T0 + 2 * LOCKOUT_MS)).toEqual([]);
    expect(can(s, { type: 'timer.elapsed' })).toBe(false);
  });

  it('CODE is back after the hour with a code rejected before → codeSuspect, attempts reset, not silently enterCode', () => {
    const over = transition(locked('1234'), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    const s = expectState(transition(over, { type: 'display.reported', message: 'CODE' }, T0 + LOCKOUT_MS + MIN).state, 'codeSuspect');
    expect([s.attempts, s.code, timesRejected(s, '1234')]).toEqual([0, '1234', ATTEMPT_LIMIT]);
    // Try it again (the user was asked), another code, or back to the serial to re-order.
    const retry = expectState(transition(s, { type: 'code.retry' }, T0 + LOCKOUT_MS + 2 * MIN).state, 'enterCode');
    expect([retry.code, retry.attemptsLeft]).toEqual(['1234', ATTEMPT_LIMIT]);
    expect(expectState(transition(s, { type: 'code.known', code: '4321' }, T0 + LOCKOUT_MS + 2 * MIN).state, 'enterCode').code).toBe('4321');
    expect(can(s, { type: 'code.known', code: '1234' })).toBe(false);
    const serial = expectState(transition(s, { type: 'serial.recheck' }, T0 + LOCKOUT_MS + 2 * MIN).state, 'findSerial');
    expect(serial.rejectedCodes).toEqual(['1234', '1234', '1234']);
  });

  it('CODE is back after a lockout the user reported (no code rejected) → enterCode with the code, or haveCode without one', () => {
    const reported = run(atEnterCode('2222'), [[{ type: 'display.reported', message: 'WAIT' }, T0]]);
    const over = transition(reported, { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    expect(expectState(transition(over, { type: 'display.reported', message: 'CODE' }, T0 + LOCKOUT_MS).state, 'enterCode').code).toBe('2222');
    const overNoCode = transition(locked(), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    expect(transition(overNoCode, { type: 'display.reported', message: 'CODE' }, T0 + LOCKOUT_MS).state.value).toBe('haveCode');
  });

  it('still locked after the hour → half an hour more (some report 90 minutes), same cause', () => {
    const over = transition(locked('1234'), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    const later = T0 + LOCKOUT_MS + MIN;
    const s = expectState(transition(over, { type: 'display.reported', message: 'WAIT' }, later).state, 'lockout');
    expect(s.timer).toEqual({ kind: 'lockout', startedAt: later, endsAt: later + LOCKOUT_EXTENSION_MS });
    expect([s.over, s.cause]).toEqual([false, 'attempts']);
  });

  it('after the hour any other display is routed with the counter reset (the radio reset it)', () => {
    const over = transition(locked('1234'), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    const normal = transition(over, { type: 'display.reported', message: 'normal' }, T0 + LOCKOUT_MS).state;
    expect([normal.value, normal.attempts]).toEqual(['done', 0]);
    expect(transition(over, { type: 'display.reported', message: 'SAFE' }, T0 + LOCKOUT_MS).state.value).toBe('safeWait');
  });

  it('an ended countdown gets its own question as the screen title', () => {
    expect(screenKeysOf(locked('1234'))).toEqual(STATE_KEYS.lockout);
    expect(screenKeysOf(transition(locked('1234'), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state)).toEqual(LOCKOUT_OVER_KEYS);
    const safe = expectState(atSafe(), 'safeWait');
    expect(screenKeysOf(transition(safe, { type: 'timer.elapsed' }, safe.timer.endsAt).state)).toEqual(SAFE_WAIT_OVER_KEYS);
  });

  it('the half hour after a lockout that did not end is named as such, not as another hour', () => {
    const over = transition(locked('1234'), { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    const extended = expectState(transition(over, { type: 'display.reported', message: 'WAIT' }, T0 + LOCKOUT_MS).state, 'lockout');
    expect(extended.timer.endsAt - extended.timer.startedAt).toBe(LOCKOUT_EXTENSION_MS);
    expect(isLockoutExtension(extended)).toBe(true);
    expect(isLockoutExtension(locked('1234'))).toBe(false);
    expect(screenKeysOf(extended)).toEqual({ ...LOCKOUT_EXTENSION_KEYS, params: { minutes: 30 } });
    const extendedOver = transition(extended, { type: 'timer.elapsed' }, extended.timer.endsAt).state;
    expect(screenKeysOf(extendedOver)).toEqual({ ...LOCKOUT_EXTENSION_OVER_KEYS, params: { minutes: 30 } });
  });

  it('a radio that worked all along is "done" without a code to keep; one that took a code keeps it', () => {
    const worked = transition(atDisplay(), { type: 'display.reported', message: 'normal' }, T0).state;
    expect(screenKeysOf(worked)).toEqual(DONE_WITHOUT_CODE_KEYS);
    const accepted = transition(atEnterCode('1234'), { type: 'code.accepted' }, T0).state;
    expect(accepted.value).toBe('done');
    expect(screenKeysOf(accepted)).toEqual(STATE_KEYS.done);
  });

  it('an old stored lockout (no `over`, no rejectedCodes) still ends and asks', () => {
    const { over: _over, rejectedCodes: _codes, ...old } = locked('1234');
    const ended = transition(old as DiagnosisState, { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    expect(expectState(ended, 'lockout').over).toBe(true);
    // Without a record of rejections the code is offered again as before.
    expect(transition(ended, { type: 'display.reported', message: 'CODE' }, T0 + LOCKOUT_MS).state.value).toBe('enterCode');
  });

  it('cannot be restarted or reported away; a code delivered meanwhile is kept, timer untouched', () => {
    const s = locked();
    expect(can(s, { type: 'restart' })).toBe(false);
    expect(can(s, { type: 'display.reported', message: 'CODE' })).toBe(false);
    expect(can(s, { type: 'code.accepted' })).toBe(false);
    const withCode = expectState(transition(s, { type: 'code.delivered', code: '2345' }, T0 + MIN).state, 'lockout');
    expect(withCode.code).toBe('2345');
    expect(withCode.timer).toEqual(s.timer);
    const ended = transition(withCode, { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    expect(transition(ended, { type: 'display.reported', message: 'CODE' }, T0 + LOCKOUT_MS).state.value).toBe('enterCode');
  });
});

describe('restart and terminal states', () => {
  it('restart → identify, keeping the radio counter (the radio still counts)', () => {
    const s = transition(atEnterCode(), { type: 'code.rejected' }, T0).state;
    const r = transition(s, { type: 'restart' }, T0 + 1).state;
    expect(r.value).toBe('identify');
    expect(r.attempts).toBe(1);
    expect(r.generation).toBeNull();
  });

  it('restart during a SAFE wait cancels its reminder', () => {
    const safe = expectState(transition(atDisplay(), { type: 'display.reported', message: 'SAFE' }, T0).state, 'safeWait');
    expect(transition(safe, { type: 'restart' }, T0 + MIN).effects).toEqual([{ type: 'timer.cleared', timer: safe.timer }]);
  });

  it('nothing but restart (or, where a display answer led there, display.recheck) leaves done, dealer or notCodeLock', () => {
    const terminals = [
      transition(atEnterCode(), { type: 'code.accepted' }, T0).state,
      transition(initialState(), { type: 'generation.chosen', generation: 'f54-f60', unit: 'f60-nbt-evo' }, T0).state,
      transition(atDisplay(), { type: 'display.reported', message: 'DISABLED' }, T0).state,
    ];
    for (const s of terminals) {
      for (const e of sampleEvents(s)) if (e.type !== 'restart' && e.type !== 'display.recheck') expect(can(s, e), `${s.value} ${e.type}`).toBe(false);
      expect(can(s, { type: 'restart' })).toBe(true);
      expect(can(s, { type: 'display.recheck' })).toBe(s.value !== 'dealer');
    }
  });

  it('a clock that jumps back does not move time backwards or shorten a lockout', () => {
    const s = transition(atDisplay(), { type: 'display.reported', message: 'SAFE' }, T0 + 10 * MIN).state;
    const back = transition(s, { type: 'display.reported', message: 'WAIT' }, T0).state;
    expect(back.since).toBe(T0 + 10 * MIN);
    expect(expectState(back, 'lockout').timer.startedAt).toBe(T0 + 10 * MIN);
  });

  it('states are plain JSON (storage keeps them as they are)', () => {
    const s = transition(atDisplay(), { type: 'display.reported', message: 'SAFE' }, T0).state;
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe('the way back: display.recheck keeps the case history', () => {
  it('a mis-tap on WAIT: back to the display question, countdown cleared, attempts, code, serial and rejections kept', () => {
    const entering = run(atEnterCode('1234'), [[{ type: 'code.rejected' }, T0]]);
    const misTap = expectState(transition(entering, { type: 'display.reported', message: 'WAIT' }, T0 + MIN).state, 'lockout');
    expect(misTap.cause).toBe('display');
    const { state, effects } = transition(misTap, { type: 'display.recheck' }, T0 + 2 * MIN);
    const back = expectState(state, 'display');
    expect(effects).toEqual([{ type: 'timer.cleared', timer: misTap.timer }]);
    expect([back.attempts, back.code, back.rejectedCodes, back.generation]).toEqual([1, '1234', ['1234'], 'r55-r59']);
  });

  it('a lockout the radio started after rejected codes cannot be undone by the app', () => {
    const s = locked('1234');
    expect(s.cause).toBe('attempts');
    expect(can(s, { type: 'display.recheck' })).toBe(false);
    expect(can(s, { type: 'restart' })).toBe(false);
    // Once the hour is up the screen itself asks what the radio shows.
    const over = transition(s, { type: 'timer.elapsed' }, T0 + LOCKOUT_MS).state;
    expect(can(over, { type: 'display.recheck' })).toBe(false);
    expect(can(over, { type: 'display.reported', message: 'CODE' })).toBe(true);
  });

  it('is offered from every step after the car is chosen except a dealer-only unit', () => {
    const placed = run(atHaveCode(), [
      [{ type: 'code.unknown' }, T0],
      [{ type: 'serial.entered', serial: 'BP1234567890' }, T0],
      [{ type: 'order.placed', orderKey: 'k' }, T0],
    ]);
    const back = expectState(transition(placed, { type: 'display.recheck' }, T0 + MIN).state, 'display');
    expect([back.serial, back.orderKey]).toEqual(['BP1234567890', 'k']);
    expect(can(initialState(), { type: 'display.recheck' })).toBe(false);
    expect(can(atDisplay(), { type: 'display.recheck' })).toBe(false);
    const safe = expectState(atSafe(), 'safeWait');
    expect(transition(safe, { type: 'display.recheck' }, T0 + MIN).effects).toEqual([{ type: 'timer.cleared', timer: safe.timer }]);
    expect(can(transition(atDisplay(), { type: 'display.reported', message: 'DISABLED' }, T0).state, { type: 'display.recheck' })).toBe(true);
  });
});

describe('disputed code need: asked before a wait or an order', () => {
  it('SAFE on a disputed unit → codeDispute, and the wait starts only once understood', () => {
    const dispute = expectState(transition(atDisplay(), { type: 'display.reported', message: 'SAFE', codeNeedDisputed: true }, T0).state, 'codeDispute');
    expect(dispute.onward).toBe('safeWait');
    expect(timerOf(dispute)).toBeNull();
    const wait = expectState(transition(dispute, { type: 'dispute.understood' }, T0 + MIN).state, 'safeWait');
    expect(wait.timer).toEqual({ kind: 'safeWait', startedAt: T0 + MIN, endsAt: T0 + MIN + SAFE_WAIT_MS });
    expect(transition(dispute, { type: 'display.recheck' }, T0 + MIN).state.value).toBe('display');
  });

  it('"I need the code" on a disputed unit → codeDispute, then the serial', () => {
    const dispute = expectState(transition(atHaveCode(), { type: 'code.unknown', codeNeedDisputed: true }, T0).state, 'codeDispute');
    expect(dispute.onward).toBe('findSerial');
    expect(offersOrder(dispute)).toBe(true);
    expect(transition(dispute, { type: 'dispute.understood' }, T0).state.value).toBe('findSerial');
  });

  it('an undisputed unit goes straight on, and DISABLED is never a code lock', () => {
    expect(transition(atDisplay(), { type: 'display.reported', message: 'SAFE', codeNeedDisputed: false }, T0).state.value).toBe('safeWait');
    const disabled = transition(initialState('r50-r53', T0), { type: 'display.reported', message: 'DISABLED', codeNeedDisputed: true }, T0).state;
    expect(disabled.value).toBe('notCodeLock');
    expect(offersOrder(disabled)).toBe(false);
  });
});

describe('suspicion after a rejection', () => {
  it('the coach can send the user back to the serial to re-order, keeping the count', () => {
    const once = run(atEnterCode('1234'), [[{ type: 'code.rejected' }, T0]]);
    const serial = expectState(transition(once, { type: 'serial.recheck' }, T0 + MIN).state, 'findSerial');
    expect([serial.attempts, serial.code, timesRejected(serial, '1234')]).toEqual([1, '1234', 1]);
    const reordered = run(serial, [
      [{ type: 'serial.entered', serial: 'BP1234567B90' }, T0 + 2 * MIN],
      [{ type: 'order.placed', orderKey: 'k2' }, T0 + 3 * MIN],
      [{ type: 'code.delivered', code: '5612' }, T0 + 4 * MIN],
    ]);
    expect(expectState(reordered, 'enterCode')).toMatchObject({ code: '5612', attemptsLeft: ATTEMPT_LIMIT - 1, serial: 'BP1234567B90' });
  });

  it('states saved before rejections were recorded load and count from empty', () => {
    const { rejectedCodes: _codes, ...old } = atEnterCode('1234');
    const s = transition(old as DiagnosisState, { type: 'code.rejected' }, T0).state;
    expect(s.rejectedCodes).toEqual(['1234']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

/** Candidate events for a state: everything the UI could send, valid or not, with timer ends. */
function sampleEvents(state: DiagnosisState): DiagnosisEvent[] {
  return [
    ...GENERATION_IDS.map((generation) => ({ type: 'generation.chosen', generation }) as const),
    { type: 'generation.chosen', generation: 'f54-f60', unit: 'f60-nbt-evo' },
    ...DISPLAY_MESSAGES.map((message) => ({ type: 'display.reported', message }) as const),
    { type: 'display.reported', message: 'SAFE', codeNeedDisputed: true },
    { type: 'display.recheck' },
    { type: 'dispute.understood' },
    { type: 'code.retry' },
    { type: 'serial.recheck' },
    { type: 'code.unknown', codeNeedDisputed: true },
    { type: 'code.known', code: '1234' },
    { type: 'code.known' },
    { type: 'code.unknown' },
    { type: 'serial.entered', serial: 'BP1234567890' },
    { type: 'order.placed', orderKey: 'k' },
    { type: 'code.delivered', code: state.code === '5612' ? '1234' : '5612' },
    { type: 'code.accepted' },
    { type: 'code.rejected' },
    { type: 'code.rejected', display: 'WAIT' },
    { type: 'timer.elapsed' },
    { type: 'wait.continued' },
    { type: 'blankChecks.done' },
    { type: 'workshop.chosen' },
    { type: 'restart' },
  ];
}

/** The moments worth trying an event at: now, and the end of a running countdown. */
function sampleTimes(state: DiagnosisState): number[] {
  const timer = timerOf(state);
  return timer ? [state.since, timer.endsAt] : [state.since];
}

const eventArb: fc.Arbitrary<DiagnosisEvent> = fc.oneof(
  fc.record({ type: fc.constant('generation.chosen' as const), generation: fc.constantFrom(...GENERATION_IDS), unit: fc.constantFrom(undefined, null, 'f60-nbt-evo' as const) }),
  fc.record({ type: fc.constant('display.reported' as const), message: fc.constantFrom(...DISPLAY_MESSAGES) }),
  fc.record({ type: fc.constant('display.reported' as const), message: fc.constantFrom(...DISPLAY_MESSAGES), codeNeedDisputed: fc.boolean() }),
  fc.constant({ type: 'display.recheck' as const }),
  fc.constant({ type: 'dispute.understood' as const }),
  fc.constant({ type: 'code.retry' as const }),
  fc.constant({ type: 'serial.recheck' as const }),
  fc.record({ type: fc.constant('code.unknown' as const), codeNeedDisputed: fc.boolean() }),
  fc.record({ type: fc.constant('code.known' as const), code: fc.constantFrom(undefined, '1234', '55512', '12a4', '') }, { requiredKeys: ['type'] }),
  fc.constant({ type: 'code.unknown' as const }),
  fc.record({ type: fc.constant('serial.entered' as const), serial: fc.constantFrom('BP1234567890', '', 'CQ-MN1234') }),
  fc.record({ type: fc.constant('order.placed' as const), orderKey: fc.constantFrom('a', 'b', '') }),
  fc.record({ type: fc.constant('code.delivered' as const), code: fc.constantFrom('1234', '6543', 'nope') }),
  fc.constant({ type: 'code.accepted' as const }),
  fc.constant({ type: 'code.rejected' as const }),
  fc.constant({ type: 'code.rejected' as const }),
  fc.constant({ type: 'code.rejected' as const }),
  fc.record({ type: fc.constant('code.rejected' as const), display: fc.constantFrom('WAIT' as const, '1000' as const, 'CODE WAIT' as const, 'CODE' as const) }),
  fc.constant({ type: 'timer.elapsed' as const }),
  fc.constant({ type: 'timer.elapsed' as const }),
  fc.constant({ type: 'wait.continued' as const }),
  fc.constant({ type: 'blankChecks.done' as const }),
  fc.constant({ type: 'workshop.chosen' as const }),
  fc.constant({ type: 'restart' as const }),
);

/** Time steps: none, small, exactly an hour, more, and sometimes a clock that jumps back. */
const dtArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 10 * MIN }),
  fc.constant(60 * MIN),
  fc.constant(60 * MIN - 1),
  fc.integer({ min: 60 * MIN, max: 3 * 60 * MIN }),
  fc.integer({ min: -30 * MIN, max: -1 }),
);

/** A state's shape without its clock, for graph search. */
const shapeKey = (s: DiagnosisState) =>
  JSON.stringify({ ...s, since: 0, timer: undefined, over: 'over' in s ? s.over : undefined, orderKey: s.orderKey !== null, rejectedCodes: timesRejected(s, s.code) > 0 });

/** Breadth-first over every state the sample events reach (keyed by shape, not by clock). */
function explore(): DiagnosisState[] {
  const starts = [initialState(undefined, T0), ...GENERATION_IDS.map((g) => initialState(g, T0))];
  const queue = [...starts];
  const seen = new Map(starts.map((s) => [shapeKey(s), s]));
  while (queue.length > 0 && seen.size < 5000) {
    const s = queue.shift() as DiagnosisState;
    for (const now of sampleTimes(s))
      for (const e of sampleEvents(s)) {
        const next = transition(s, e, now).state;
        if (!seen.has(shapeKey(next))) {
          seen.set(shapeKey(next), next);
          queue.push(next);
        }
      }
  }
  return [...seen.values()];
}

/**
 * Starts: every state shape the breadth-first search reaches (so each state is exercised, deep ones
 * included, whatever the random draw), plus a case the radio locked after three rejections.
 */
const reached = explore();
const startArb = fc.constantFrom<DiagnosisState[]>(...reached, atHaveCode(), locked('1234'));

describe('properties over random event sequences', () => {
  it('holds every invariant on every step', () => {
    fc.assert(
      fc.property(startArb, fc.array(fc.tuple(eventArb, dtArb, fc.nat()), { maxLength: 60 }), (start, steps) => {
        let state = start;
        let clock = T0;
        // Rejections the radio has counted since its last lockout (a start may carry some already).
        let rejectedSinceLock = state.value === 'lockout' ? 0 : state.attempts;
        for (const [randomEvent, dt, pick] of steps) {
          clock += dt;
          // Half the steps pick an event this state accepts, so long valid paths (to an order) occur too.
          const accepted = pick % 2 === 0 ? sampleEvents(state).filter((e) => can(state, e, clock)) : [];
          const event = accepted.length > 0 ? (accepted[(pick >> 1) % accepted.length] as DiagnosisEvent) : randomEvent;
          const allowed = can(state, event, clock);
          const { state: next, effects } = transition(state, event, clock);

          // can() agrees with transition(): refused = same object, no effects; accepted = a new state.
          if (allowed) expect(next).not.toBe(state);
          else {
            expect(next).toBe(state);
            expect(effects).toEqual([]);
          }

          // Time inside the machine never runs backwards.
          expect(next.since).toBeGreaterThanOrEqual(state.since);

          // Attempts: never more rejections than the limit outside a lockout.
          if (allowed && event.type === 'code.rejected') rejectedSinceLock++;
          if (next.value === 'lockout' || next.value === 'done') rejectedSinceLock = 0;
          expect(rejectedSinceLock).toBeLessThan(ATTEMPT_LIMIT);
          if (next.value !== 'lockout') expect(next.attempts).toBeLessThan(ATTEMPT_LIMIT);
          if (next.value === 'enterCode') {
            expect(next.attemptsLeft).toBe(ATTEMPT_LIMIT - next.attempts);
            expect(next.lastAttempt).toBe(next.attemptsLeft === 1);
          }

          // Timers: an hour (a lockout extension half an hour), started no later than the state.
          const before = timerOf(state);
          const after = timerOf(next);
          if (after) {
            expect(after.endsAt - after.startedAt).toBe(after.kind === 'lockout' && after.startedAt !== after.endsAt - LOCKOUT_MS ? LOCKOUT_EXTENSION_MS : 60 * MIN);
            expect(after.startedAt).toBeLessThanOrEqual(next.since);
          }
          if (before && state.value === 'lockout' && allowed) {
            const at = Math.max(clock, state.since);
            // Only the hour's end (or a code arriving) moves a running lockout...
            if (!state.over && next.value === 'lockout' && !next.over) expect(after).toEqual(before);
            if (!state.over && next.value === 'lockout' && next.over) expect(at).toBeGreaterThanOrEqual(before.endsAt);
            // ...a lockout the radio's counter started is never left before its end...
            if (state.cause === 'attempts' && !state.over) expect(next.value).toBe('lockout');
            // ...and leaving it early is only the user's "I picked the wrong display".
            if (next.value !== 'lockout' && at < before.endsAt) expect([state.cause, event.type]).toEqual(['display', 'display.recheck']);
          }

          // History is kept: rejections are only ever added to; the way back keeps code, serial, order and count.
          expect(rejectionsOf(next).slice(0, rejectionsOf(state).length)).toEqual([...rejectionsOf(state)]);
          if (allowed && event.type === 'display.recheck') {
            expect(next.value).toBe('display');
            expect([next.attempts, next.code, next.serial, next.orderKey]).toEqual([state.attempts, state.code, state.serial, state.orderKey]);
          }
          // After a lockout, a code the radio refused before is never offered again unasked.
          if (allowed && state.value === 'lockout' && next.value === 'enterCode') expect(timesRejected(next, next.code)).toBe(0);
          if (before && state.value === 'safeWait' && allowed && Math.max(clock, state.since) < before.endsAt && after !== before) {
            expect(effects).toContainEqual({ type: 'timer.cleared', timer: before });
          }

          // Never offer an order where none may be sold.
          if (next.value === 'dealer' || next.value === 'notCodeLock' || next.unit !== null) expect(offersOrder(next)).toBe(false);

          state = next;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('state graph', () => {
  it('reaches every state', () => {
    expect(new Set(reached.map((s) => s.value))).toEqual(new Set(STATE_NAMES));
  });

  it('has no dead end except done, dealer and notCodeLock', () => {
    for (const s of reached) {
      const ways = sampleTimes(s).flatMap((now) => sampleEvents(s).filter((e) => e.type !== 'restart' && e.type !== 'display.recheck' && can(s, e, now)));
      if (isTerminal(s)) expect(ways, s.value).toEqual([]);
      else expect(ways.length, `${s.value} is a dead end`).toBeGreaterThan(0);
    }
  });

  it('can reach "what does the radio show?" from every state but the dealer-only one, without restart', () => {
    for (const s of reached.filter((r) => r.value !== 'dealer' && r.generation !== null)) {
      let frontier = [s];
      let found = s.value === 'display';
      for (let depth = 0; depth < 4 && !found; depth++) {
        frontier = frontier.flatMap((f) => sampleTimes(f).flatMap((now) => sampleEvents(f).filter((e) => e.type !== 'restart').map((e) => transition(f, e, now).state))).filter((n, i, all) => all.indexOf(n) === i).slice(0, 400);
        found = frontier.some((f) => f.value === 'display');
      }
      expect(found, `no way back to display from ${s.value}`).toBe(true);
    }
  });

  it('can reach done again from every non-terminal state', () => {
    // From anywhere, some path leads to a working radio (guards against loops with no exit).
    for (const s of reached.filter((r) => !isTerminal(r))) {
      let frontier = [s];
      let found = false;
      for (let depth = 0; depth < 8 && !found; depth++) {
        frontier = frontier.flatMap((f) => sampleTimes(f).flatMap((now) => sampleEvents(f).filter((e) => e.type !== 'restart').map((e) => transition(f, e, now).state))).filter((n, i, all) => all.indexOf(n) === i).slice(0, 400);
        found = frontier.some((f) => f.value === 'done');
      }
      expect(found, `no way to done from ${s.value}`).toBe(true);
    }
  });
});
