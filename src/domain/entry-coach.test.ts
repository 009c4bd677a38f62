// Entry coach: every style's presses, and every refusal with its reason.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CoachResult, Step } from './entry-coach';
import { ENTRY_STYLES, coachCode, normaliseCode } from './entry-coach';

function steps(result: CoachResult): Step[] {
  if (!result.ok) throw new Error(`expected steps, got ${result.problem}`);
  return result.steps;
}

describe('increment style (R55–R59, seed)', () => {
  it('says to press each preset until its digit shows the target, with the read-back before holding the last preset', () => {
    const s = steps(coachCode('2413', 'increment'));
    expect(s.map((x) => [x.id, x.action, x.target.button, x.target.presses])).toEqual([
      ['digit-1', 'press', 1, undefined],
      ['digit-2', 'press', 2, undefined],
      ['digit-3', 'press', 3, undefined],
      ['digit-4', 'press', 4, undefined],
      ['check', 'check', undefined, undefined],
      ['send', 'hold', 4, undefined],
    ]);
    expect(s[0]).toMatchObject({ key: 'coach.increment.pressUntil', params: { button: 1, digit: 2, position: 1 } });
    // Without the start value no count is given: no source says where a digit starts.
    expect(s.some((x) => x.hint !== undefined)).toBe(false);
    expect(s[4]).toMatchObject({ key: 'coach.check', params: { code: '2 4 1 3' } });
    expect(s[5]?.key).toBe('coach.increment.send');
  });

  it('adds the count as a hint when the digit starts at 0', () => {
    const s = steps(coachCode('2413', 'increment', { startsAt: '0' }));
    expect(s.slice(0, 4).map((x) => x.target.presses)).toEqual([2, 4, 1, 3]);
    expect(s[0]?.hint).toEqual({ key: 'coach.increment.countHint', params: { count: 2, start: '0' } });
  });

  it('counts one fewer when the digit starts at 1, and says "no press" where it already shows the digit', () => {
    const s = steps(coachCode('2413', 'increment', { startsAt: '1' }));
    expect(s.slice(0, 4).map((x) => x.target.presses)).toEqual([1, 3, 0, 2]);
    expect(s[2]?.hint).toEqual({ key: 'coach.increment.alreadyShows', params: { digit: 1 } });
    expect(s[1]?.hint).toEqual({ key: 'coach.increment.countHint', params: { count: 3, start: '1' } });
  });

  it('gives no count when the digit shows "-": the first press may give 0 or 1', () => {
    const s = steps(coachCode('2413', 'increment', { startsAt: 'dash' }));
    expect(s.every((x) => x.hint === undefined && x.target.presses === undefined)).toBe(true);
  });

  it('handles five digits with preset 5 and holds preset 5 to send', () => {
    const s = steps(coachCode('12345', 'increment'));
    expect(s.at(-1)).toMatchObject({ action: 'hold', target: { button: 5 } });
  });

  it.each([
    ['1203', 0, 3],
    ['1273', 7, 3],
    ['9111', 9, 1],
  ])('refuses %s without a dead end: digit %i at %i is outside 1–6, so the code is probably wrong', (code, digit, position) => {
    expect(coachCode(code, 'increment')).toEqual({
      ok: false,
      problem: 'digitNotOneToSix',
      detail: { key: 'coach.problems.digitNotOneToSix', params: { digit, position } },
    });
  });

  it('refuses more digits than the radio has presets', () => {
    expect(coachCode('12345', 'increment', { buttons: 4 })).toMatchObject({ ok: false, problem: 'tooFewButtons', detail: { params: { count: 5, buttons: 4 } } });
  });
});

describe('digit-button style (BMW era, reported)', () => {
  it('presses the preset numbered like each digit, once each, reading the code back before the last press', () => {
    const r = coachCode('6151', 'digitButtons');
    expect(steps(r).map((x) => x.id)).toEqual(['digit-1', 'digit-2', 'digit-3', 'check', 'digit-4']);
    expect(steps(r).filter((x) => x.action === 'press').map((x) => x.target.button)).toEqual([6, 1, 5, 1]);
    expect(steps(r).filter((x) => x.action === 'press').every((x) => x.target.presses === 1)).toBe(true);
    if (r.ok) expect(r.notes.map((n) => n.key)).toContain('coach.digitButtons.beep');
  });

  it.each([
    ['1270', 7, 3],
    ['0123', 0, 1],
    ['12398', 9, 4],
  ])('refuses %s: digit %i at %i is outside 1–6', (code, digit, position) => {
    expect(coachCode(code, 'digitButtons')).toEqual({
      ok: false,
      problem: 'digitNotOneToSix',
      detail: { key: 'coach.problems.digitNotOneToSix', params: { digit, position } },
    });
  });

  it('never offers a preset above the radio’s own count', () => {
    expect(coachCode('1515', 'digitButtons', { buttons: 4 })).toMatchObject({ ok: false, problem: 'digitOutOfRange', detail: { params: { max: 4 } } });
  });
});

describe('controller style (F-series, seed)', () => {
  it('opens Settings → Radio → Enter Code, one turn-and-press per digit, then confirms', () => {
    const s = steps(coachCode('90817', 'controller'));
    expect(s.map((x) => x.id)).toEqual(['open', 'digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'check', 'send']);
    expect(s.slice(1, -2).map((x) => x.target.digit)).toEqual([9, 0, 8, 1, 7]);
    expect(s[0]?.key).toBe('coach.controller.open');
  });

  it('keeps the steps for a digit outside 1–6 (turning to it is the seed’s method) but says the code is probably wrong', () => {
    const r = coachCode('90817', 'controller');
    expect(r.ok && r.notes.map((n) => n.key)).toContain('coach.notes.digitOutsideOneToSix');
    const fine = coachCode('31425', 'controller');
    expect(fine.ok && fine.notes.map((n) => n.key)).not.toContain('coach.notes.digitOutsideOneToSix');
  });
});

describe('presetSelect style (R50/R53, seed)', () => {
  it('uses presets 1–4 for four digits and confirms with the knob or OK', () => {
    const s = steps(coachCode('4321', 'presetSelect'));
    expect(s.map((x) => x.target.button)).toEqual([1, 2, 3, 4, undefined, undefined]);
    expect(s.at(-2)).toMatchObject({ action: 'check', params: { code: '4 3 2 1' } });
    expect(s.at(-1)).toMatchObject({ action: 'confirm', target: { control: 'knob' } });
  });

  it('uses preset 5 for a five-digit code', () => {
    expect(steps(coachCode('43215', 'presetSelect'))[4]?.target.button).toBe(5);
  });
});

describe('input problems, any style', () => {
  it.each(ENTRY_STYLES)('%s: empty, letters, wrong length', (style) => {
    expect(coachCode('  ', style)).toMatchObject({ ok: false, problem: 'empty' });
    expect(coachCode('12O4', style)).toMatchObject({ ok: false, problem: 'notDigits' });
    expect(coachCode('-1234', style)).toMatchObject({ ok: true });
    expect(coachCode('123', style)).toMatchObject({ ok: false, problem: 'length', detail: { params: { count: 3, min: 4, max: 5 } } });
    expect(coachCode('123456', style)).toMatchObject({ ok: false, problem: 'length' });
  });

  it('accepts spaces, dashes and full-width digits as typed from an e-mail', () => {
    expect(normaliseCode(' 12-34 ')).toBe('1234');
    expect(coachCode('１２３４', 'controller')).toMatchObject({ ok: true, code: '1234' });
  });

  it('every valid 4–5 digit code gets one step per digit in the right order, in every style that can express it', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4,5}$/), fc.constantFrom(...ENTRY_STYLES), (code, style) => {
        const r = coachCode(code, style);
        const canExpress = style === 'controller' || /^[1-6]+$/.test(code);
        expect(r.ok).toBe(canExpress);
        if (!r.ok) return;
        const digitSteps = r.steps.filter((s) => s.id.startsWith('digit-'));
        expect(digitSteps.map((s) => s.target.digit).join('')).toBe(code);
        expect(new Set(r.steps.map((s) => s.id)).size).toBe(r.steps.length);
        // Every style reads the code back, digit by digit, right before the press that sends it.
        const check = r.steps.findIndex((s) => s.action === 'check');
        expect(check).toBe(r.steps.length - 2);
        expect(r.steps[check]?.params.code).toBe([...code].join(' '));
      }),
      { numRuns: 2000 },
    );
  });
});
