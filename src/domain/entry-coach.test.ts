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
  it('preset n sets digit n, pressed as many times as the digit, then hold the last preset', () => {
    const s = steps(coachCode('2413', 'increment'));
    expect(s.map((x) => [x.id, x.action, x.target.button, x.target.presses])).toEqual([
      ['digit-1', 'press', 1, 2],
      ['digit-2', 'press', 2, 4],
      ['digit-3', 'press', 3, 1],
      ['digit-4', 'press', 4, 3],
      ['send', 'hold', 4, undefined],
    ]);
    expect(s[0]?.params).toEqual({ count: 2, button: 1, digit: 2, position: 1 });
    expect(s[4]?.key).toBe('coach.increment.send');
  });

  it('handles five digits with preset 5 and holds preset 5 to send', () => {
    const s = steps(coachCode('12345', 'increment'));
    expect(s.at(-1)).toMatchObject({ action: 'hold', target: { button: 5 } });
  });

  it('refuses a 0: the seed does not say how to reach it', () => {
    const r = coachCode('1203', 'increment');
    expect(r).toEqual({ ok: false, problem: 'zeroNotCovered', detail: { key: 'coach.problems.zeroNotCovered', params: { position: 3 } } });
  });

  it('refuses more digits than the radio has presets', () => {
    expect(coachCode('12345', 'increment', { buttons: 4 })).toMatchObject({ ok: false, problem: 'tooFewButtons', detail: { params: { count: 5, buttons: 4 } } });
  });
});

describe('digit-button style (BMW era, reported)', () => {
  it('presses the preset numbered like each digit, once each, with the beep warning', () => {
    const r = coachCode('6151', 'digitButtons');
    expect(steps(r).map((x) => x.target.button)).toEqual([6, 1, 5, 1]);
    expect(steps(r).every((x) => x.target.presses === 1 && x.action === 'press')).toBe(true);
    if (r.ok) expect(r.notes.map((n) => n.key)).toContain('coach.digitButtons.beep');
  });

  it.each([
    ['1270', 7, 3],
    ['0123', 0, 1],
    ['12398', 9, 4],
  ])('refuses %s: digit %i at %i has no preset', (code, digit, position) => {
    expect(coachCode(code, 'digitButtons')).toEqual({
      ok: false,
      problem: 'digitOutOfRange',
      detail: { key: 'coach.problems.digitOutOfRange', params: { digit, position, max: 6 } },
    });
  });

  it('never offers a preset above the radio’s own count, nor above 6', () => {
    expect(coachCode('1515', 'digitButtons', { buttons: 4 })).toMatchObject({ ok: false, problem: 'digitOutOfRange', detail: { params: { max: 4 } } });
    expect(coachCode('1717', 'digitButtons', { buttons: 8 })).toMatchObject({ ok: false, problem: 'digitOutOfRange', detail: { params: { max: 6 } } });
  });
});

describe('controller style (F-series, seed)', () => {
  it('opens Settings → Radio → Enter Code, one turn-and-press per digit, then confirms', () => {
    const s = steps(coachCode('90817', 'controller'));
    expect(s.map((x) => x.id)).toEqual(['open', 'digit-1', 'digit-2', 'digit-3', 'digit-4', 'digit-5', 'send']);
    expect(s.slice(1, -1).map((x) => x.target.digit)).toEqual([9, 0, 8, 1, 7]);
    expect(s[0]?.key).toBe('coach.controller.open');
  });
});

describe('presetSelect style (R50/R53, seed)', () => {
  it('uses presets 1–4 for four digits and confirms with the knob or OK', () => {
    const s = steps(coachCode('4321', 'presetSelect'));
    expect(s.map((x) => x.target.button)).toEqual([1, 2, 3, 4, undefined]);
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
        const canExpress = style === 'controller' || style === 'presetSelect' || (style === 'increment' ? !code.includes('0') : /^[1-6]+$/.test(code));
        expect(r.ok).toBe(canExpress);
        if (!r.ok) return;
        const digitSteps = r.steps.filter((s) => s.id.startsWith('digit-'));
        expect(digitSteps.map((s) => s.target.digit).join('')).toBe(code);
        expect(new Set(r.steps.map((s) => s.id)).size).toBe(r.steps.length);
      }),
      { numRuns: 2000 },
    );
  });
});
