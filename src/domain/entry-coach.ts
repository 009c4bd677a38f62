// Turns a radio code into the exact button presses for one entry method, or says plainly why it cannot.
import type { Confidence, SourceId } from './sources';

/*
 * i18n keys are relative to the `guide` namespace. A key used with a `count` param has `_one` /
 * `_other` forms in guide.json; every other `{{name}}` in a text is a param of the same step.
 *
 * Why the increment style says "press until it shows": the seed only says "each press increments
 * the digit"; no source says what a digit shows before the first press. So the target is what the
 * display must read, and a press count is only a hint when the owner has told us the start (0 or 1).
 *
 * Why digits outside 1–6 are refused by the preset styles: BMW-era codes use the digits 1–6
 * (FACTS.md, koalamotorsport.com), so a 0 or a 7–9 points to a wrong code (often a misread serial),
 * and no source says how to set them with preset buttons. A guessed press costs a try; three cost an hour.
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
/** BMW-era codes use these digits only (FACTS.md, koalamotorsport.com). */
export const CODE_DIGITS = { min: 1, max: 6 } as const;

/** What a digit of the radio's display shows before the first press, as the owner reads it. */
export const DIGIT_STARTS = ['0', '1', 'dash'] as const;
export type DigitStart = (typeof DIGIT_STARTS)[number];
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

export type StepAction = 'navigate' | 'press' | 'turn' | 'hold' | 'confirm' | 'check';

/** One thing to do, big enough to tick off. `target` says what to touch, for a large on-screen hint. */
export interface Step {
  /** Stable within one result: `open`, `digit-1` … `digit-5`, `send`. */
  id: string;
  action: StepAction;
  key: string;
  params: Readonly<Record<string, string | number>>;
  target: { button?: number; digit?: number; position?: number; presses?: number; control?: 'controller' | 'knob' };
  /** A second line, e.g. the press count when the start value is known. */
  hint?: { key: string; params: Readonly<Record<string, string | number>> };
}

/** A note shown with the steps (a warning before starting, for example). */
export interface CoachNote {
  key: string;
  confidence: Confidence;
  sources: readonly SourceId[];
}

export type CoachProblem = 'empty' | 'notDigits' | 'length' | 'digitNotOneToSix' | 'digitOutOfRange' | 'tooFewButtons';

export type CoachResult =
  | { ok: true; style: EntryStyle; code: string; steps: Step[]; notes: CoachNote[] }
  | { ok: false; problem: CoachProblem; detail: { key: string; params: Readonly<Record<string, string | number>> } };

export interface CoachOptions {
  /** How many numbered preset buttons the radio has (default 6). */
  buttons?: number;
  /** Increment style: what each digit shows before the first press, if the owner has looked. */
  startsAt?: DigitStart;
}

const NEVER_GUESS: CoachNote = { key: 'coach.notes.neverGuess', confidence: 'seed', sources: ['seed'] };
const ONE_UNIT: CoachNote = { key: 'coach.notes.oneUnit', confidence: 'seed', sources: ['seed'] };
const SUSPECT_DIGIT: CoachNote = { key: 'coach.notes.digitOutsideOneToSix', confidence: 'reported', sources: ['koalamotorsport'] };

/** Spaces and dashes people type while copying an e-mail are not part of a code. */
export function normaliseCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s-]+/g, '');
}

/** The first digit outside 1–6 (1-based position), or null. */
export function digitOutsideOneToSix(code: string): { digit: number; position: number } | null {
  const digits = [...normaliseCode(code)].map(Number);
  const at = digits.findIndex((digit) => digit < CODE_DIGITS.min || digit > CODE_DIGITS.max);
  return at < 0 ? null : { digit: digits[at] ?? 0, position: at + 1 };
}

/** The code spaced for reading back digit by digit: "3214" → "3 2 1 4". */
function spaced(code: string): string {
  return [...code].join(' ');
}

/** The read-back, placed before the press that sends the code. */
function checkStep(code: string): Step {
  return { id: 'check', action: 'check', key: 'coach.check', params: { code: spaced(code) }, target: {} };
}

/** How many presses from the start value, when the owner said what the digit shows (not for "-"). */
function pressHint(digit: number, startsAt: DigitStart | undefined): { presses: number | undefined; hint: Step['hint'] } {
  if (startsAt === undefined || startsAt === 'dash') return { presses: undefined, hint: undefined };
  const presses = digit - Number(startsAt);
  if (presses === 0) return { presses: 0, hint: { key: 'coach.increment.alreadyShows', params: { digit } } };
  return { presses, hint: { key: 'coach.increment.countHint', params: { count: presses, start: startsAt } } };
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
      const outside = digitOutsideOneToSix(code);
      if (outside) return refuse('digitNotOneToSix', outside);
      const steps: Step[] = digits.map((digit, i) => {
        const { presses, hint } = pressHint(digit, options.startsAt);
        return {
          id: `digit-${i + 1}`,
          action: 'press',
          key: 'coach.increment.pressUntil',
          params: { button: i + 1, digit, position: i + 1 },
          target: { button: i + 1, digit, position: i + 1, ...(presses === undefined ? {} : { presses }) },
          ...(hint ? { hint } : {}),
        };
      });
      const last = digits.length;
      steps.push(checkStep(code));
      steps.push({ id: 'send', action: 'hold', key: 'coach.increment.send', params: { button: last }, target: { button: last } });
      return { ok: true, style, code, steps, notes: [{ key: 'coach.increment.checkDisplay', confidence: 'seed', sources: ['seed'] }, NEVER_GUESS] };
    }

    case 'digitButtons': {
      const outside = digitOutsideOneToSix(code);
      if (outside) return refuse('digitNotOneToSix', outside);
      const max = Math.min(buttons, DEFAULT_PRESET_BUTTONS);
      const beyond = digits.findIndex((digit) => digit > max);
      if (beyond >= 0) return refuse('digitOutOfRange', { digit: digits[beyond] ?? 0, position: beyond + 1, max });
      const steps: Step[] = digits.map((digit, i) => ({
        id: `digit-${i + 1}`,
        action: 'press',
        key: 'coach.digitButtons.press',
        params: { button: digit, position: i + 1 },
        target: { button: digit, digit, position: i + 1, presses: 1 },
      }));
      // The last digit's press sends the code, so the read-back comes before it.
      steps.splice(steps.length - 1, 0, checkStep(code));
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
      steps.push(checkStep(code));
      steps.push({ id: 'send', action: 'confirm', key: 'coach.controller.send', params: {}, target: { control: 'controller' } });
      // Turning to any digit is the seed's own method, so the steps stay; the unusual digit is flagged.
      const notes = digitOutsideOneToSix(code) ? [SUSPECT_DIGIT, NEVER_GUESS, ONE_UNIT] : [NEVER_GUESS, ONE_UNIT];
      return { ok: true, style, code, steps, notes };
    }

    case 'presetSelect': {
      if (digits.length > buttons) return refuse('tooFewButtons', { count: digits.length, buttons });
      const outside = digitOutsideOneToSix(code);
      if (outside) return refuse('digitNotOneToSix', outside);
      const steps: Step[] = digits.map((digit, i) => ({
        id: `digit-${i + 1}`,
        action: 'press',
        key: 'coach.presetSelect.digit',
        params: { button: i + 1, digit, position: i + 1 },
        target: { button: i + 1, digit, position: i + 1 },
      }));
      steps.push(checkStep(code));
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
  digitNotOneToSix: 'coach.problems.digitNotOneToSix',
  digitOutOfRange: 'coach.problems.digitOutOfRange',
  tooFewButtons: 'coach.problems.tooFewButtons',
};
