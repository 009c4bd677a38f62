// The guide's content as data, per generation: models, head units, where the serial is, how to enter the code, whether one is needed.
import type { GenerationId, VinBoundUnitId } from './generations';
import { ATTEMPT_LIMIT, LOCKOUT_MS } from './limits';
import type { EntryStyle } from './entry-coach';
import { MODELS, type BodyStyle, type YearRange } from './models';
import type { Sourced, TextFact, ValueFact } from './sources';

// The rest of the catalogue, one module per idea; re-exported so the UI has one place to ask.
export type { Confidence, Source, SourceId, Sourced, TextFact, ValueFact } from './sources';
export { CONFIDENCES, CONFIDENCE_KEYS, SOURCES, SOURCE_IDS } from './sources';
export { BODY_STYLES, BODY_STYLE_KEYS, MODELS, MODEL_YEARS, parseModelCode, type BodyStyle, type ModelCode, type ModelFacts, type YearRange } from './models';
export { DISPLAY_ANSWERS, DISPLAY_CATALOGUE, displayEntry, type DisplayMessageEntry } from './display-messages';
export {
  BATTERY_ADVICE,
  BLANK_CHECKS,
  GENERAL_FACTS,
  IGNITION_INSTRUCTION,
  IGNITION_POSITION_CONFLICT,
  SERIAL_TIPS,
  WAIT_INSTRUCTIONS,
} from './guide-facts';

/*
 * i18n convention: every `...Key` / `key` / `stepKeys` string is a key RELATIVE to the `guide`
 * namespace (src/i18n/locales/en/guide.json), written without a `guide:` prefix; the UI calls
 * t(key, { ns: 'guide' }). Model codes (R56), trim names (Cooper S) and citations are proper
 * names and stay untranslated. Only facts from shared/content/FACTS.md appear here.
 */

export interface Model extends Sourced {
  /** Chassis code as printed in the guide: R50, F56 … */
  code: string;
  /** Trim names, as MINI spells them. */
  trims: readonly string[];
  body: BodyStyle;
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

/**
 * Where sources disagree whether the unit needs a code at all (FACTS.md: R50/R53 data-bus radios,
 * R55–R61 CHAMP units, F-series iDrive units paired to the VIN). The case flow shows both sides and
 * what to try first before a wait or an order. Keys are relative to the `guide` namespace.
 */
export interface CodeNeedDispute extends Sourced {
  confidence: 'conflict';
  /** What the code service (the seed) says. */
  seedSaysKey: string;
  /** What the other sources say. */
  othersSayKey: string;
  /** What to check or try before waiting an hour or ordering a code. */
  tryFirstKey: string;
  /**
   * Where the other side's case is a radio that needs no code at all (it plays, or shows DISABLED): what a radio
   * showing SAFE or CODE, as the owner just reported, means for them ({{display}}: it asks for a code, so that case
   * is not theirs). Absent where the advice still applies to a radio asking for a code (a battery to register).
   */
  askedForCodeKey?: string;
}

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
  /** Both sides, where sources disagree whether a code is needed at all (null: they agree it is). */
  dispute: CodeNeedDispute | null;
  vinBoundUnit: VinBoundUnit | null;
  notes: readonly TextFact[];
}

/** A generation's years as the model table has them (FACTS.md), not the seed's coarser ranges. */
function productionYears(generation: GenerationId): ValueFact<YearRange> {
  const models = MODELS.filter((m) => m.generation === generation);
  return {
    value: { from: Math.min(...models.map((m) => m.production.from)), to: Math.max(...models.map((m) => m.production.to)) },
    confidence: 'reported',
    sources: ['munichmotorsport', 'outmotoring', 'allmagautoparts'],
  };
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

const DATA_BUS_DISPUTE: CodeNeedDispute = {
  seedSaysKey: 'disputes.seedSaysCode',
  othersSayKey: 'disputes.dataBus.othersSay',
  tryFirstKey: 'disputes.dataBus.tryFirst',
  askedForCodeKey: 'disputes.askedForCode',
  confidence: 'conflict',
  sources: ['seed', 'gbmini', 'northAmericanMotoring', 'mini2'],
};

const CHAMP_DISPUTE: CodeNeedDispute = {
  seedSaysKey: 'disputes.seedSaysCode',
  othersSayKey: 'disputes.champ.othersSay',
  tryFirstKey: 'disputes.champ.tryFirst',
  askedForCodeKey: 'disputes.askedForCode',
  confidence: 'conflict',
  sources: ['seed', 'bmwSiM650213'],
};

const VIN_PAIRED_DISPUTE: CodeNeedDispute = {
  seedSaysKey: 'disputes.seedSaysCode',
  othersSayKey: 'disputes.vinPaired.othersSay',
  tryFirstKey: 'disputes.vinPaired.tryFirst',
  confidence: 'conflict',
  sources: ['seed', 'radiocodelookupBmw', 'ownerForums'],
};

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
    years: productionYears('r50-r53'),
    headUnits: [{ id: 'boostCd', nameKey: 'headUnits.standardBoostCd', confidence: 'seed', sources: ['seed'] }],
    serial: [LABEL_SERIAL],
    entry: [{ style: 'presetSelect', confidence: 'seed', sources: ['seed'] }],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    dispute: DATA_BUS_DISPUTE,
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
    years: productionYears('r55-r59'),
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
    dispute: CHAMP_DISPUTE,
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
    years: productionYears('r60-r61'),
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
    dispute: CHAMP_DISPUTE,
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
    years: productionYears('f55-f57'),
    headUnits: [
      { id: 'idrive', nameKey: 'headUnits.idriveStyle', confidence: 'seed', sources: ['seed'] },
      { id: 'harman', nameKey: 'headUnits.harman', confidence: 'seed', sources: ['seed'] },
    ],
    serial: MENU_SERIAL,
    entry: [{ style: 'controller', confidence: 'seed', sources: ['seed'] }],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    dispute: VIN_PAIRED_DISPUTE,
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
    years: productionYears('f54-f60'),
    headUnits: [
      { id: 'idrive', nameKey: 'headUnits.idrive', confidence: 'seed', sources: ['seed'] },
      { id: 'harmanKardon', nameKey: 'headUnits.harmanKardon', confidence: 'seed', sources: ['seed'] },
      { id: 'nbtEvo', nameKey: 'headUnits.nbtEvo', confidence: 'seed', sources: ['seed'] },
    ],
    serial: MENU_SERIAL,
    entry: [{ style: 'controller', confidence: 'seed', sources: ['seed'] }],
    attemptLimit: ATTEMPTS,
    lockoutMinutes: LOCKOUT,
    dispute: VIN_PAIRED_DISPUTE,
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

/**
 * Whether sources disagree that this generation's unit needs a code, with both sides and what to try
 * first; null where they agree. The case flow asks before a wait or an order when this is not null.
 */
export function codeNeedDispute(generation: GenerationId): CodeNeedDispute | null {
  return generationEntry(generation).dispute;
}
