// Turns a radio code into the exact button presses for one entry method, or says plainly why it cannot.
import type { Confidence, SourceId } from './sources';

/*
 * i18n keys are relative to the `guide` namespace. A key used with a `count` param has `_one` /
 * `_other` forms in guide.json; every other `{{name}}` in a text is a param of the same step.
 *
 * Why digit 0 is refused by the increment style: the seed only says "each press increments the
 * digit"; it says neither where a digit starts nor how 0 is reached. A guessed press count costs a
 * try, and three tries cost an hour, so the coach refuses rather than invent a rule.
 * Digit buttons (BMW era) only have presets 1–6, so 0, 7, 8 and 9 cannot be typed that way.
 */

export const ENTRY_STYLES = ['increment', 'digitButtons', 'controller', 'presetSelect'] as const;
/**
 * - `increment`: R55–R59 (seed): preset n sets digit n, one press adds one; hold the last preset to send.
 * - `digitButtons`: BMW era (reported): press the preset numbered like each digit.
 * - `controller`: F-series (seed): Settings → Radio → Enter Code, turn and press per digit.
 * - `presetSelect`: R50/R53 (seed): presets 1–4 (1–5) pick each digit, confirm with the knob or OK.
 */
export type EntryStyle = (typeof ENTRY_STYLES)[number];

export const CODE_LENGTHS = [4, 5] as const;
/** Preset buttons on the radios these styles describe (BMW-era codes use digits 1–6). */
export const DEFAULT_PRESET_BUTTONS = 6;

export interface EntryStyleInfo {
  style: EntryStyle;
  nameKey: string;
  summaryKey: string;
  confidence: Confidence;
  sources: readonly SourceId[];
}

export const ENTRY_STYLE_INFO: Readonly<Record<EntryStyle, EntryStyleInfo>> = {
  increment: { style: 'increment', nameKey: 'coach.styles.increment.name', summaryKey: 'coach.styles.increment.summary', confidence: 'seed', sources: ['seed'] },
  digitButtons: {
    style: 'digitButtons',
    nameKey: 'coach.styles.digitButtons.name',
    summaryKey: 'coach.styles.digitButtons.summary',
    confidence: 'reported',
    sources: ['koalamotorsport'],
  },
  controller: { style: 'controller', nameKey: 'coach.styles.controller.name', summaryKey: 'coach.styles.controller.summary', confidence: 'seed', sources: ['seed'] },
  presetSelect: {
    style: 'presetSelect',
    nameKey: 'coach.styles.presetSelect.name',
    summaryKey: 'coach.styles.presetSelect.summary',
    confidence: 'seed',
    sources: ['seed'],
  },
};

export type StepAction = 'navigate' | 'press' | 'turn' | 'hold' | 'confirm';

/** One thing to do, big enough to tick off. `target` says what to touch, for a large on-screen hint. */
export interface Step {
  /** Stable within one result: `open`, `digit-1` … `digit-5`, `send`. */
  id: string;
  action: StepAction;
  key: string;
  params: Readonly<Record<string, string | number>>;
  target: { button?: number; digit?: number; position?: number; presses?: number; control?: 'controller' | 'knob' };
}

/** A note shown with the steps (a warning before starting, for example). */
export interface CoachNote {
  key: string;
  confidence: Confidence;
  sources: readonly SourceId[];
}

export type CoachProblem = 'empty' | 'notDigits' | 'length' | 'digitOutOfRange' | 'zeroNotCovered' | 'tooFewButtons';

export type CoachResult =
  | { ok: true; style: EntryStyle; code: string; steps: Step[]; notes: CoachNote[] }
  | { ok: false; problem: CoachProblem; detail: { key: string; params: Readonly<Record<string, string | number>> } };

export interface CoachOptions {
  /** How many numbered preset buttons the radio has (default 6). */
  buttons?: number;
}

const NEVER_GUESS: CoachNote = { key: 'coach.notes.neverGuess', confidence: 'seed', sources: ['seed'] };
const ONE_UNIT: CoachNote = { key: 'coach.notes.oneUnit', confidence: 'seed', sources: ['seed'] };

/** Spaces and dashes people type while copying an e-mail are not part of a code. */
export function normaliseCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]+/g, '');
}

function refuse(problem: CoachProblem, params: Record<string, string | number> = {}): CoachResult {
  return { ok: false, problem, detail: { key: `coach.problems.${problem}`, params } };
}

export function coachCode(rawCode: string, style: EntryStyle, options: CoachOptions = {}): CoachResult {
  const code = normaliseCode(rawCode);
  if (code === '') return refuse('empty');
  if (!/^\d+$/.test(code)) return refuse('notDigits');
  if (!(CODE_LENGTHS as readonly number[]).includes(code.length)) return refuse('length', { count: code.length, min: 4, max: 5 });

  const digits = [...code].map(Number);
  const buttons = options.buttons ?? DEFAULT_PRESET_BUTTONS;

  switch (style) {
    case 'increment': {
      if (digits.length > buttons) return refuse('tooFewButtons', { count: digits.length, buttons });
      const zeroAt = digits.indexOf(0);
      if (zeroAt >= 0) return refuse('zeroNotCovered', { position: zeroAt + 1 });
      const steps: Step[] = digits.map((digit, i) => ({
        id: `digit-${i + 1}`,
        action: 'press',
        key: 'coach.increment.press',
        params: { count: digit, button: i + 1, digit, position: i + 1 },
        target: { button: i + 1, digit, position: i + 1, presses: digit },
      }));
      const last = digits.length;
      steps.push({ id: 'send', action: 'hold', key: 'coach.increment.send', params: { button: last }, target: { button: last } });
      return { ok: true, style, code, steps, notes: [{ key: 'coach.increment.checkDisplay', confidence: 'seed', sources: ['seed'] }, NEVER_GUESS] };
    }

    case 'digitButtons': {
      const max = Math.min(buttons, DEFAULT_PRESET_BUTTONS);
      const outAt = digits.findIndex((digit) => digit < 1 || digit > max);
      if (outAt >= 0) return refuse('digitOutOfRange', { digit: digits[outAt] ?? 0, position: outAt + 1, max });
      const steps: Step[] = digits.map((digit, i) => ({
        id: `digit-${i + 1}`,
        action: 'press',
        key: 'coach.digitButtons.press',
        params: { button: digit, position: i + 1 },
        target: { button: digit, digit, position: i + 1, presses: 1 },
      }));
      return {
        ok: true,
        style,
        code,
        steps,
        notes: [{ key: 'coach.digitButtons.beep', confidence: 'reported', sources: ['koalamotorsport'] }, NEVER_GUESS],
      };
    }

    case 'controller': {
      const steps: Step[] = [{ id: 'open', action: 'navigate', key: 'coach.controller.open', params: {}, target: { control: 'controller' } }];
      digits.forEach((digit, i) =>
        steps.push({
          id: `digit-${i + 1}`,
          action: 'turn',
          key: 'coach.controller.digit',
          params: { digit, position: i + 1 },
          target: { digit, position: i + 1, control: 'controller' },
        }),
      );
      steps.push({ id: 'send', action: 'confirm', key: 'coach.controller.send', params: {}, target: { control: 'controller' } });
      return { ok: true, style, code, steps, notes: [NEVER_GUESS, ONE_UNIT] };
    }

    case 'presetSelect': {
      if (digits.length > buttons) return refuse('tooFewButtons', { count: digits.length, buttons });
      const steps: Step[] = digits.map((digit, i) => ({
        id: `digit-${i + 1}`,
        action: 'press',
        key: 'coach.presetSelect.digit',
        params: { button: i + 1, digit, position: i + 1 },
        target: { button: i + 1, digit, position: i + 1 },
      }));
      steps.push({ id: 'send', action: 'confirm', key: 'coach.presetSelect.send', params: {}, target: { control: 'knob' } });
      return { ok: true, style, code, steps, notes: [NEVER_GUESS] };
    }
  }
}

/** Every key the coach can hand to the UI (for the locale test and for typed key lists). */
export const COACH_PROBLEM_KEYS: Readonly<Record<CoachProblem, string>> = {
  empty: 'coach.problems.empty',
  notDigits: 'coach.problems.notDigits',
  length: 'coach.problems.length',
  digitOutOfRange: 'coach.problems.digitOutOfRange',
  zeroNotCovered: 'coach.problems.zeroNotCovered',
  tooFewButtons: 'coach.problems.tooFewButtons',
};
