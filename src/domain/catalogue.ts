// The guide's content as data: generations, head units, display messages, tips and the "which MINI?" picker, every fact sourced.
import type { GenerationId, VinBoundUnitId } from './generations';
import type { DisplayMessage, StateName } from './diagnosis-machine';
import { ATTEMPT_LIMIT, LOCKOUT_MS, SAFE_WAIT_MS } from './limits';
import type { EntryStyle } from './entry-coach';
import type { Sourced, TextFact, ValueFact } from './sources';

export type { Confidence, Source, SourceId, Sourced, TextFact, ValueFact } from './sources';
export { CONFIDENCES, CONFIDENCE_KEYS, SOURCES, SOURCE_IDS } from './sources';

/*
 * i18n convention: every `...Key` / `key` / `stepKeys` string is a key RELATIVE to the `guide`
 * namespace (src/i18n/locales/en/guide.json), written without a `guide:` prefix; the UI calls
 * t(key, { ns: 'guide' }). Model codes (R56), trim names (Cooper S) and citations are proper
 * names and stay untranslated. Only facts from shared/content/FACTS.md appear here.
 */

export const BODY_STYLES = ['hatch', 'hatch5', 'convertible', 'coupe', 'roadster', 'clubman', 'countryman', 'paceman'] as const;
export type BodyStyle = (typeof BODY_STYLES)[number];
export const BODY_STYLE_KEYS: Readonly<Record<BodyStyle, string>> = Object.fromEntries(
  BODY_STYLES.map((body) => [body, `picker.body.${body}`]),
) as Record<BodyStyle, string>;

export interface Model extends Sourced {
  /** Chassis code as printed in the guide: R50, F56 … */
  code: string;
  /** Trim names, as MINI spells them. */
  trims: readonly string[];
  body: BodyStyle;
}

export interface YearRange {
  from: number;
  to: number;
}

export interface HeadUnit extends Sourced {
  id: string;
  nameKey: string;
}

export interface SerialMethod extends Sourced {
  id: string;
  titleKey: string;
  /** In order; each a short instruction. */
  stepKeys: readonly string[];
  /** Try the others first (for example: pulling the unit out to read its label). */
  fallback: boolean;
}

export interface EntryMethod extends Sourced {
  style: EntryStyle;
  noteKey?: string;
}

/** yes = a code is needed; mostly = except some units; disputed = sources disagree (often none needed). */
export type CodeNeeded = 'yes' | 'mostly' | 'disputed';

export interface VinBoundUnit extends Sourced {
  unit: VinBoundUnitId;
  model: string;
  years: YearRange;
  nameKey: string;
  noteKey: string;
}

export interface GenerationEntry {
  id: GenerationId;
  nameKey: string;
  summaryKey: string;
  models: readonly Model[];
  years: ValueFact<YearRange>;
  headUnits: readonly HeadUnit[];
  serial: readonly SerialMethod[];
  entry: readonly EntryMethod[];
  attemptLimit: ValueFact<number>;
  lockoutMinutes: ValueFact<number>;
  codeNeeded: ValueFact<CodeNeeded>;
  vinBoundUnit: VinBoundUnit | null;
  notes: readonly TextFact[];
}

const ATTEMPTS: ValueFact<number> = {
  value: ATTEMPT_LIMIT,
  confidence: 'conflict',
  sources: ['seed', 'koalamotorsport'],
  noteKey: 'facts.attempts.note',
};

const LOCKOUT: ValueFact<number> = {
  value: LOCKOUT_MS / 60_000,
  confidence: 'confirmed',
  sources: ['seed', 'koalamotorsport'],
  noteKey: 'facts.lockout.note',
};

const LABEL_SERIAL: SerialMethod = {
  id: 'label',
  titleKey: 'serial.label.title',
  stepKeys: ['serial.label.tools', 'serial.label.slideOut', 'serial.label.read'],
  fallback: false,
  confidence: 'seed',
  sources: ['seed'],
};

const BUTTON_COMBO_SERIAL: SerialMethod = {
  id: 'buttonCombo',
  titleKey: 'serial.buttonCombo.title',
  stepKeys: ['serial.buttonCombo.radioOn', 'serial.buttonCombo.hold', 'serial.buttonCombo.read'],
  fallback: false,
  confidence: 'seed',
  sources: ['seed'],
};

const PRESETS_SERIAL: SerialMethod = {
  id: 'presets16',
  titleKey: 'serial.presets16.title',
  stepKeys: ['serial.presets16.hold'],
  fallback: false,
  confidence: 'reported',
  sources: ['seedSerialPage'],
};

const MENU_SERIAL: readonly SerialMethod[] = [
  { id: 'radioMenu', titleKey: 'serial.radioMenu.title', stepKeys: ['serial.radioMenu.open', 'serial.radioMenu.read'], fallback: false, confidence: 'seed', sources: ['seed'] },
  { id: 'systemInfo', titleKey: 'serial.systemInfo.title', stepKeys: ['serial.systemInfo.open', 'serial.systemInfo.read'], fallback: false, confidence: 'seed', sources: ['seed'] },
];

const VIN_PAIRED_NOTE: TextFact = {
  key: 'generations.notes.vinPaired',
  confidence: 'conflict',
  sources: ['seed', 'radiocodelookupBmw', 'ownerForums'],
};

export const GENERATIONS: readonly GenerationEntry[] = [
  {
    id: 'r50-r53',
    nameKey: 'generations.r50-r53.name',
    summaryKey: 'generations.r50-r53.summary',
    models: [
      { code: 'R50', trims: ['One', 'Cooper'], body: 'hatch', confidence: 'seed', sources: ['seed'] },
      { code: 'R53', trims: ['Cooper S'], body: 'hatch', confidence: 'seed', sources: ['seed'] },
      { code: 'R52', trims: [], body: 'convertible', confidence: 'reported', sources: ['researchNotes'] },
    ],
    years: { value: { from: 2001, to: 2006 }, confidence: 'seed', sources: ['seed'] },
    headUnits: [{ id: 'boostCd', nameKey: 'headUnits.standardBoostCd', confidence: 'seed', sources: ['seed'] }],
    serial: [LABEL_SERIAL],
    entry: [{ style: 'presetSelect', confidence: 'seed', sources: ['seed'] }],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    codeNeeded: {
      value: 'disputed',
      confidence: 'conflict',
      sources: ['seed', 'gbmini', 'northAmericanMotoring', 'mini2'],
      noteKey: 'generations.r50-r53.codeNeeded',
    },
    vinBoundUnit: null,
    notes: [
      { key: 'generations.r50-r53.notes.dataBus', confidence: 'conflict', sources: ['gbmini', 'northAmericanMotoring', 'mini2'] },
      { key: 'generations.r50-r53.notes.disabled', confidence: 'reported', sources: ['gbmini', 'mini2'] },
    ],
  },
  {
    id: 'r55-r59',
    nameKey: 'generations.r55-r59.name',
    summaryKey: 'generations.r55-r59.summary',
    models: [
      { code: 'R55', trims: ['Clubman'], body: 'clubman', confidence: 'seed', sources: ['seed'] },
      { code: 'R56', trims: [], body: 'hatch', confidence: 'seed', sources: ['seed'] },
      { code: 'R57', trims: [], body: 'convertible', confidence: 'seed', sources: ['seed'] },
      { code: 'R58', trims: [], body: 'coupe', confidence: 'seed', sources: ['seed'] },
      { code: 'R59', trims: [], body: 'roadster', confidence: 'seed', sources: ['seed'] },
    ],
    years: { value: { from: 2006, to: 2013 }, confidence: 'seed', sources: ['seed'] },
    headUnits: [
      { id: 'boostCd', nameKey: 'headUnits.boostCd', confidence: 'seed', sources: ['seed'] },
      { id: 'visualBoost', nameKey: 'headUnits.visualBoost', confidence: 'seed', sources: ['seed'] },
      { id: 'professionalNav', nameKey: 'headUnits.professionalNav', confidence: 'seed', sources: ['seed'] },
    ],
    serial: [BUTTON_COMBO_SERIAL, PRESETS_SERIAL, { ...LABEL_SERIAL, fallback: true }],
    entry: [
      { style: 'increment', confidence: 'seed', sources: ['seed'] },
      { style: 'digitButtons', confidence: 'reported', sources: ['koalamotorsport'], noteKey: 'generations.notes.digitButtonsAlternative' },
    ],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    codeNeeded: { value: 'yes', confidence: 'seed', sources: ['seed'], noteKey: 'generations.r55-r59.codeNeeded' },
    vinBoundUnit: null,
    notes: [{ key: 'generations.r55-r59.notes.bulletin', confidence: 'reported', sources: ['bmwSiM650213'] }],
  },
  {
    id: 'r60-r61',
    nameKey: 'generations.r60-r61.name',
    summaryKey: 'generations.r60-r61.summary',
    models: [
      { code: 'R60', trims: ['Countryman'], body: 'countryman', confidence: 'reported', sources: ['bmwSiM650213'] },
      { code: 'R61', trims: ['Paceman'], body: 'paceman', confidence: 'reported', sources: ['researchNotes'] },
    ],
    years: { value: { from: 2010, to: 2016 }, confidence: 'reported', sources: ['researchNotes'] },
    headUnits: [
      { id: 'visualBoost', nameKey: 'headUnits.champ2VisualBoost', confidence: 'reported', sources: ['bmwSiM650213'] },
      { id: 'champ2Nav', nameKey: 'headUnits.champ2Nav', confidence: 'reported', sources: ['bmwSiM650213'] },
    ],
    serial: [
      { ...BUTTON_COMBO_SERIAL, confidence: 'reported', sources: ['seed', 'bmwSiM650213'] },
      PRESETS_SERIAL,
      { ...LABEL_SERIAL, fallback: true, confidence: 'reported', sources: ['seed', 'bmwSiM650213'] },
    ],
    entry: [
      { style: 'increment', confidence: 'reported', sources: ['seed', 'bmwSiM650213'] },
      { style: 'digitButtons', confidence: 'reported', sources: ['koalamotorsport'], noteKey: 'generations.notes.digitButtonsAlternative' },
    ],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    codeNeeded: { value: 'yes', confidence: 'reported', sources: ['seed', 'bmwSiM650213'], noteKey: 'generations.r55-r59.codeNeeded' },
    vinBoundUnit: null,
    notes: [
      { key: 'generations.r60-r61.notes.notInSeed', confidence: 'reported', sources: ['bmwSiM650213'] },
      { key: 'generations.r55-r59.notes.bulletin', confidence: 'reported', sources: ['bmwSiM650213'] },
    ],
  },
  {
    id: 'f55-f57',
    nameKey: 'generations.f55-f57.name',
    summaryKey: 'generations.f55-f57.summary',
    models: [
      { code: 'F55', trims: ['One', 'Cooper'], body: 'hatch5', confidence: 'seed', sources: ['seed'] },
      { code: 'F56', trims: ['One', 'Cooper'], body: 'hatch', confidence: 'seed', sources: ['seed'] },
      { code: 'F57', trims: [], body: 'convertible', confidence: 'seed', sources: ['seed'] },
    ],
    years: { value: { from: 2013, to: 2021 }, confidence: 'seed', sources: ['seed'] },
    headUnits: [
      { id: 'idrive', nameKey: 'headUnits.idriveStyle', confidence: 'seed', sources: ['seed'] },
      { id: 'harman', nameKey: 'headUnits.harman', confidence: 'seed', sources: ['seed'] },
    ],
    serial: MENU_SERIAL,
    entry: [{ style: 'controller', confidence: 'seed', sources: ['seed'] }],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    codeNeeded: {
      value: 'disputed',
      confidence: 'conflict',
      sources: ['seed', 'radiocodelookupBmw', 'ownerForums'],
      noteKey: 'generations.f55-f57.codeNeeded',
    },
    vinBoundUnit: null,
    notes: [VIN_PAIRED_NOTE],
  },
  {
    id: 'f54-f60',
    nameKey: 'generations.f54-f60.name',
    summaryKey: 'generations.f54-f60.summary',
    models: [
      { code: 'F54', trims: ['Clubman'], body: 'clubman', confidence: 'seed', sources: ['seed'] },
      { code: 'F60', trims: ['Countryman'], body: 'countryman', confidence: 'seed', sources: ['seed'] },
    ],
    years: { value: { from: 2015, to: 2023 }, confidence: 'seed', sources: ['seed'] },
    headUnits: [
      { id: 'idrive', nameKey: 'headUnits.idrive', confidence: 'seed', sources: ['seed'] },
      { id: 'harmanKardon', nameKey: 'headUnits.harmanKardon', confidence: 'seed', sources: ['seed'] },
      { id: 'nbtEvo', nameKey: 'headUnits.nbtEvo', confidence: 'seed', sources: ['seed'] },
    ],
    serial: MENU_SERIAL,
    entry: [{ style: 'controller', confidence: 'seed', sources: ['seed'] }],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    codeNeeded: { value: 'mostly', confidence: 'seed', sources: ['seed'], noteKey: 'generations.f54-f60.codeNeeded' },
    vinBoundUnit: {
      unit: 'f60-nbt-evo',
      model: 'F60',
      years: { from: 2019, to: 2023 },
      nameKey: 'headUnits.f60NbtEvoVinBound',
      noteKey: 'generations.f54-f60.vinBound',
      confidence: 'seed',
      sources: ['seed'],
    },
    notes: [VIN_PAIRED_NOTE],
  },
];

export function generationEntry(id: GenerationId): GenerationEntry {
  const entry = GENERATIONS.find((g) => g.id === id);
  if (!entry) throw new Error(`No catalogue entry for generation ${id}`);
  return entry;
}

/** Most trusted entry method first (seed before reported). */
export function primaryEntryStyle(id: GenerationId): EntryStyle {
  const first = generationEntry(id).entry[0];
  if (!first) throw new Error(`No entry method for generation ${id}`);
  return first.style;
}

// ---------------------------------------------------------------------------------------------
// Display messages, in the radio's own words.

export interface DisplayMessageEntry extends Sourced {
  message: Exclude<DisplayMessage, 'normal'>;
  /** What the screen shows, verbatim (never translated). */
  shown: readonly string[];
  labelKey: string;
  meaningKey: string;
  actionKey: string;
  /** Where the diagnosis goes from `display` when the user reports it. */
  next: StateName;
  notes: readonly TextFact[];
}

export const DISPLAY_CATALOGUE: readonly DisplayMessageEntry[] = [
  {
    message: 'SAFE',
    shown: ['SAFE'],
    labelKey: 'display.SAFE.label',
    meaningKey: 'display.SAFE.meaning',
    actionKey: 'display.SAFE.action',
    next: 'safeWait',
    confidence: 'seed',
    sources: ['seed'],
    notes: [{ key: 'display.SAFE.noteWording', confidence: 'reported', sources: ['researchNotes'] }],
  },
  {
    message: 'CODE',
    shown: ['CODE', 'CODE ----'],
    labelKey: 'display.CODE.label',
    meaningKey: 'display.CODE.meaning',
    actionKey: 'display.CODE.action',
    next: 'haveCode',
    confidence: 'confirmed',
    sources: ['seed', 'koalamotorsport'],
    notes: [],
  },
  {
    message: '1000',
    shown: ['1000'],
    labelKey: 'display.1000.label',
    meaningKey: 'display.1000.meaning',
    actionKey: 'display.1000.action',
    next: 'lockout',
    confidence: 'seed',
    sources: ['seed'],
    notes: [],
  },
  {
    message: 'WAIT',
    shown: ['WAIT'],
    labelKey: 'display.WAIT.label',
    meaningKey: 'display.WAIT.meaning',
    actionKey: 'display.WAIT.action',
    next: 'lockout',
    confidence: 'seed',
    sources: ['seed'],
    notes: [],
  },
  {
    message: 'CODE WAIT',
    shown: ['CODE WAIT'],
    labelKey: 'display.CODE WAIT.label',
    meaningKey: 'display.CODE WAIT.meaning',
    actionKey: 'display.CODE WAIT.action',
    next: 'lockout',
    confidence: 'reported',
    sources: ['koalamotorsport', 'bmwauto', 'bimmerfest'],
    notes: [],
  },
  {
    message: 'DISABLED',
    shown: ['DISABLED'],
    labelKey: 'display.DISABLED.label',
    meaningKey: 'display.DISABLED.meaning',
    actionKey: 'display.DISABLED.action',
    next: 'notCodeLock',
    confidence: 'reported',
    sources: ['gbmini', 'mini2'],
    notes: [],
  },
  {
    message: 'blank',
    shown: [],
    labelKey: 'display.blank.label',
    meaningKey: 'display.blank.meaning',
    actionKey: 'display.blank.action',
    next: 'blankChecks',
    confidence: 'generic',
    sources: [],
    notes: [],
  },
];

/** The answers to "what does the radio show?", in the order to offer them. */
export const DISPLAY_ANSWERS: readonly { message: DisplayMessage; labelKey: string }[] = [
  ...DISPLAY_CATALOGUE.map(({ message, labelKey }) => ({ message, labelKey })),
  { message: 'normal', labelKey: 'display.normal.label' },
];

export function displayEntry(message: DisplayMessage): DisplayMessageEntry | null {
  return DISPLAY_CATALOGUE.find((entry) => entry.message === message) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Facts that hold for every generation.

export const GENERAL_FACTS: readonly TextFact[] = [
  { key: 'facts.attempts.note', confidence: 'conflict', sources: ['seed', 'koalamotorsport'] },
  { key: 'facts.lockout.note', confidence: 'confirmed', sources: ['seed', 'koalamotorsport'] },
  { key: 'facts.lockout.longer', confidence: 'reported', sources: ['researchNotes'] },
  { key: 'facts.lockout.batteryNoReset', confidence: 'reported', sources: ['researchNotes'] },
  { key: 'facts.neverGuess', confidence: 'seed', sources: ['seed'] },
  { key: 'facts.oneUnit', confidence: 'seed', sources: ['seed'] },
  { key: 'facts.codeLength', confidence: 'seed', sources: ['seed'] },
  { key: 'facts.digitsOneToSix', confidence: 'reported', sources: ['koalamotorsport'] },
];

/** Steps for the blank-display checks (FACTS.md: generic). */
export const BLANK_CHECKS: readonly TextFact[] = [
  { key: 'blankChecks.ignition', confidence: 'generic', sources: [] },
  { key: 'blankChecks.fuse', confidence: 'generic', sources: [] },
  { key: 'blankChecks.battery', confidence: 'generic', sources: [] },
  { key: 'blankChecks.stillBlank', confidence: 'generic', sources: [] },
];

/** For the hour with the ignition on (SAFE wait, lockout): keep the battery alive. */
export const BATTERY_ADVICE: readonly TextFact[] = [
  { key: 'battery.drains', confidence: 'generic', sources: [] },
  { key: 'battery.lightsOff', confidence: 'generic', sources: [] },
  { key: 'battery.blowerOff', confidence: 'generic', sources: [] },
  { key: 'battery.charger', confidence: 'generic', sources: [] },
];

/** What to keep in mind while a countdown runs, per kind. */
export const WAIT_INSTRUCTIONS: Readonly<Record<'safeWait' | 'lockout', readonly TextFact[]>> = {
  safeWait: [
    { key: 'wait.safeWait.ignition', confidence: 'seed', sources: ['seed'] },
    { key: 'wait.safeWait.upTo', confidence: 'seed', sources: ['seed'], params: { minutes: SAFE_WAIT_MS / 60_000 } },
    { key: 'wait.safeWait.over', confidence: 'seed', sources: ['seed'] },
  ],
  lockout: [
    { key: 'wait.lockout.ignition', confidence: 'reported', sources: ['koalamotorsport', 'bmwauto', 'bimmerfest'] },
    { key: 'wait.lockout.fullHour', confidence: 'confirmed', sources: ['seed', 'koalamotorsport'], params: { minutes: LOCKOUT_MS / 60_000 } },
    { key: 'wait.lockout.after', confidence: 'reported', sources: ['koalamotorsport'], params: { count: ATTEMPT_LIMIT } },
  ],
};

/** Reading the serial right: most wrong codes come from a misread serial. */
export const SERIAL_TIPS: readonly TextFact[] = [
  { key: 'serialTips.typos', confidence: 'reported', sources: ['rapidradiocodes'], params: { percent: 95 } },
  { key: 'serialTips.lookAlikes', confidence: 'reported', sources: ['rapidradiocodes'] },
  { key: 'serialTips.grouped', confidence: 'generic', sources: [] },
  { key: 'serialTips.blaupunktLength', confidence: 'reported', sources: ['mcoupe'], params: { length: 14, used: 8 } },
  { key: 'serialTips.maker', confidence: 'reported', sources: ['bmwauto'] },
  { key: 'serialTips.oneUnit', confidence: 'seed', sources: ['seed'] },
];

/** Pairs easy to confuse on a label, shown as "O ↔ 0" (FACTS.md: O/0, I/1, l/1, S/5, B/8). */
export const SERIAL_LOOK_ALIKE_PAIRS: readonly (readonly [string, string])[] = [
  ['O', '0'],
  ['I', '1'],
  ['l', '1'],
  ['S', '5'],
  ['B', '8'],
];

export const BLAUPUNKT_SERIAL_LENGTH = 14;
export const BLAUPUNKT_DEALER_DIGITS = 8;

/** The part of a Blaupunkt serial dealers use (last 8 of 14), or null when it is not that shape. */
export function blaupunktDealerPart(serial: string): string | null {
  const clean = serial.normalize('NFKC').toUpperCase().replace(/[\s\-./]+/g, '');
  return clean.length === BLAUPUNKT_SERIAL_LENGTH ? clean.slice(-BLAUPUNKT_DEALER_DIGITS) : null;
}

// ---------------------------------------------------------------------------------------------
// "Not sure which MINI?"

/** How the radio is worked: numbered preset buttons (R-series) or a controller/touchscreen (F-series). */
export const RADIO_LOOKS = ['presetButtons', 'controller'] as const;
export type RadioLook = (typeof RADIO_LOOKS)[number];
export const RADIO_LOOK_KEYS: Readonly<Record<RadioLook, string>> = {
  presetButtons: 'picker.look.presetButtons',
  controller: 'picker.look.controller',
};

const LOOK_OF: Readonly<Record<GenerationId, RadioLook>> = {
  'r50-r53': 'presetButtons',
  'r55-r59': 'presetButtons',
  'r60-r61': 'presetButtons',
  'f55-f57': 'controller',
  'f54-f60': 'controller',
};

export interface PickInput {
  body?: BodyStyle;
  year?: number;
  look?: RadioLook;
  /** The answer to "does it have the NBT EVO system?" (only asked for a late F60). */
  nbtEvo?: boolean;
}

export type PickQuestion = 'body' | 'year' | 'look' | 'nbtEvo';
export const PICK_QUESTION_KEYS: Readonly<Record<PickQuestion, string>> = {
  body: 'picker.ask.body',
  year: 'picker.ask.year',
  look: 'picker.ask.look',
  nbtEvo: 'picker.ask.nbtEvo',
};

export type PickResult =
  /** `unit` is set for the VIN-bound unit; `ask: 'nbtEvo'` means that is still possible. */
  | { kind: 'one'; generation: GenerationId; unit: VinBoundUnitId | null; ask: 'nbtEvo' | null }
  | { kind: 'several'; generations: GenerationId[]; ask: PickQuestion | null }
  | { kind: 'none'; reasonKey: string };

function inYears(range: YearRange, year: number): boolean {
  return year >= range.from && year <= range.to;
}

/**
 * Narrows the generations by whatever the user knows. Years at a boundary (2006, 2013, 2015–2016)
 * belong to two generations, so the answer may be "several" with the next question to ask.
 */
export function pickGeneration(input: PickInput): PickResult {
  const candidates = GENERATIONS.filter(
    (g) =>
      (input.body === undefined || g.models.some((m) => m.body === input.body)) &&
      (input.year === undefined || inYears(g.years.value, input.year)) &&
      (input.look === undefined || LOOK_OF[g.id] === input.look),
  );
  if (candidates.length === 0) return { kind: 'none', reasonKey: 'picker.none' };

  const [only] = candidates;
  if (candidates.length === 1 && only) {
    const vin = only.vinBoundUnit;
    if (!vin) return { kind: 'one', generation: only.id, unit: null, ask: null };
    const vinModel = only.models.find((m) => m.code === vin.model);
    const couldBe = (input.body === undefined || input.body === vinModel?.body) && (input.year === undefined || inYears(vin.years, input.year));
    if (!couldBe || input.nbtEvo === false) return { kind: 'one', generation: only.id, unit: null, ask: null };
    // Only a known late F60 with NBT EVO is VIN-bound; "some" are (seed), so ask before sending the user to a dealer.
    const sure = input.nbtEvo === true && input.body !== undefined && input.year !== undefined;
    return sure ? { kind: 'one', generation: only.id, unit: vin.unit, ask: null } : { kind: 'one', generation: only.id, unit: null, ask: 'nbtEvo' };
  }

  const ask: PickQuestion | null = input.body === undefined ? 'body' : input.year === undefined ? 'year' : input.look === undefined ? 'look' : null;
  return { kind: 'several', generations: candidates.map((g) => g.id), ask };
}

/** Body styles a generation was made in (for the picker's buttons). */
export function bodyStylesOf(id: GenerationId): BodyStyle[] {
  return [...new Set(generationEntry(id).models.map((m) => m.body))];
}

export const PICKER_YEAR_RANGE: YearRange = {
  from: Math.min(...GENERATIONS.map((g) => g.years.value.from)),
  to: Math.max(...GENERATIONS.map((g) => g.years.value.to)),
};

