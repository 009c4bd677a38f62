// "Which MINI is it?": model code or body style first, the year only as a hint, and one visible question where years overlap.
import type { GenerationId, VinBoundUnitId } from './generations';
import { MODELS, modelFacts, type BodyStyle, type ModelCode, type ModelFacts, type YearRange } from './models';
import type { Sourced } from './sources';

/*
 * Why a year is only a hint: FACTS.md gives production years, while US model years "run about a
 * year later" (outmotoring.com, allmagautoparts.com). So a car the owner calls 2015 may have been
 * built in 2014 or 2015: a model counts for a year from its first production year up to one year
 * after its last. Where that leaves two generations, the owner answers one question they can see
 * for themselves; a wrong landing would cost an hour's lockout, an extra question costs seconds.
 */
const MODEL_YEAR_LAG = 1;

/** What decided the answer; shown to the owner with its sources ("which cue decided"). */
export const CUES = ['modelCode', 'bodyAndYear', 'speedometer', 'ignitionKey'] as const;
export type Cue = (typeof CUES)[number];

export interface CueFacts extends Sourced {
  /** Relative to the `guide` namespace. */
  key: string;
  /** A limit of the cue the owner must see with it (FACTS.md: the speedometer caveat). */
  caveatKey?: string;
}

export const CUE_FACTS: Readonly<Record<Cue, CueFacts>> = {
  modelCode: { key: 'picker.cue.modelCode', confidence: 'reported', sources: ['munichmotorsport'] },
  bodyAndYear: { key: 'picker.cue.bodyAndYear', confidence: 'reported', sources: ['munichmotorsport', 'outmotoring', 'allmagautoparts'] },
  // FACTS.md: the F56 dropped the large centre speedometer (motoringfile.com); R-series cars with factory navigation moved it too.
  speedometer: {
    key: 'picker.cue.speedometer',
    caveatKey: 'picker.caveat.speedometer',
    confidence: 'reported',
    sources: ['motoringfile', 'northAmericanMotoring'],
  },
  // R56-era cars start with the key pushed into a slot (margaretandian.com); R50-era keys turn in a lock to position 2 (mini2.com).
  ignitionKey: { key: 'picker.cue.ignitionKey', confidence: 'reported', sources: ['margaretandian', 'mini2'] },
};

/** Questions the owner answers by looking at the car. */
export const VISIBLE_QUESTIONS = {
  speedometer: ['centre', 'behindWheel'],
  ignitionKey: ['turnKey', 'slotOrButton'],
} as const;
export type VisibleQuestion = keyof typeof VISIBLE_QUESTIONS;
export type Answer<Q extends VisibleQuestion> = (typeof VISIBLE_QUESTIONS)[Q][number];

/** Relative to the `guide` namespace. */
export const QUESTION_KEYS: Readonly<Record<VisibleQuestion | 'body' | 'year' | 'nbtEvo', string>> = {
  body: 'picker.ask.body',
  year: 'picker.ask.year',
  speedometer: 'picker.ask.speedometer',
  ignitionKey: 'picker.ask.ignitionKey',
  nbtEvo: 'picker.ask.nbtEvo',
};
export const ANSWER_KEYS: { readonly [Q in VisibleQuestion]: Readonly<Record<Answer<Q>, string>> } = {
  speedometer: { centre: 'picker.answer.speedometer.centre', behindWheel: 'picker.answer.speedometer.behindWheel' },
  ignitionKey: { turnKey: 'picker.answer.ignitionKey.turnKey', slotOrButton: 'picker.answer.ignitionKey.slotOrButton' },
};

export interface IdentifyInput {
  /** Typed by the owner, already parsed (see parseModelCode). Decides on its own. */
  modelCode?: ModelCode;
  body?: BodyStyle;
  year?: number;
  speedometer?: Answer<'speedometer'>;
  ignitionKey?: Answer<'ignitionKey'>;
  /** "Does the car have NBT EVO?" — asked only where the seed's VIN-bound F60 is possible. */
  nbtEvo?: boolean;
}

export type NextQuestion = 'body' | 'year' | VisibleQuestion | 'nbtEvo';

export type Identification =
  | { kind: 'ask'; question: NextQuestion; generations: GenerationId[] }
  | {
      kind: 'found';
      generation: GenerationId;
      /** The model codes it can be (R50 and R53 share a body style and years). */
      models: ModelCode[];
      /** Set only for the VIN-bound late F60 NBT EVO (no code, dealer only). */
      unit: VinBoundUnitId | null;
      decidedBy: Cue[];
      /** Generations a cue ruled out: offered as "my car looks different", never chosen for the owner. */
      alternatives: GenerationId[];
    }
  | { kind: 'none'; reasonKey: string; params: Readonly<Record<string, string | number>> };

/** The seed's VIN-bound unit: some F60 Countryman 2019–2023 with NBT EVO. */
const VIN_BOUND: { model: ModelCode; unit: VinBoundUnitId; years: YearRange } = { model: 'F60', unit: 'f60-nbt-evo', years: { from: 2019, to: 2023 } };

function countsForYear(m: ModelFacts, year: number): boolean {
  return year >= m.production.from && year <= m.production.to + MODEL_YEAR_LAG;
}

const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
const isRSeries = (g: GenerationId) => g.startsWith('r');

/** Which visible question tells these generations apart, if any. */
function separatingQuestion(generations: readonly GenerationId[]): VisibleQuestion | null {
  if (generations.some(isRSeries) && generations.some((g) => !isRSeries(g))) return 'speedometer';
  if (generations.includes('r50-r53') && generations.some((g) => g !== 'r50-r53' && isRSeries(g))) return 'ignitionKey';
  return null;
}

function keepByAnswer(question: VisibleQuestion, input: IdentifyInput, generation: GenerationId): boolean {
  if (question === 'speedometer') return input.speedometer === 'centre' ? isRSeries(generation) : !isRSeries(generation);
  return input.ignitionKey === 'turnKey' ? generation === 'r50-r53' : generation !== 'r50-r53';
}

function found(candidates: readonly ModelFacts[], input: IdentifyInput, decidedBy: Cue[], alternatives: GenerationId[]): Identification {
  const [first] = candidates;
  if (!first) throw new Error('found() needs a candidate');
  const models = candidates.map((m) => m.code);
  const vinBoundPossible = models.includes(VIN_BOUND.model) && (input.year === undefined || (input.year >= VIN_BOUND.years.from && input.year <= VIN_BOUND.years.to + MODEL_YEAR_LAG));
  if (vinBoundPossible && input.nbtEvo === undefined) return { kind: 'ask', question: 'nbtEvo', generations: [first.generation] };
  const unit = vinBoundPossible && input.nbtEvo === true ? VIN_BOUND.unit : null;
  return { kind: 'found', generation: first.generation, models, unit, decidedBy, alternatives };
}

export function identify(input: IdentifyInput): Identification {
  if (input.modelCode) return found([modelFacts(input.modelCode)], input, ['modelCode'], []);
  if (input.body === undefined) return { kind: 'ask', question: 'body', generations: [] };
  const ofBody = MODELS.filter((m) => m.body === input.body);
  if (input.year === undefined) return { kind: 'ask', question: 'year', generations: unique(ofBody.map((m) => m.generation)) };

  const year = input.year;
  const candidates = ofBody.filter((m) => countsForYear(m, year));
  if (candidates.length === 0) {
    const from = Math.min(...ofBody.map((m) => m.production.from));
    const to = Math.max(...ofBody.map((m) => m.production.to));
    return { kind: 'none', reasonKey: 'picker.none', params: { year, from, to } };
  }

  const generations = unique(candidates.map((m) => m.generation));
  if (generations.length === 1) return found(candidates, input, ['bodyAndYear'], []);

  const question = separatingQuestion(generations);
  if (question === null) throw new Error(`No question separates ${generations.join(', ')}`);
  if (input[question] === undefined) return { kind: 'ask', question, generations };
  const kept = candidates.filter((m) => keepByAnswer(question, input, m.generation));
  const keptGenerations = unique(kept.map((m) => m.generation));
  if (keptGenerations.length !== 1) throw new Error(`${question} left ${keptGenerations.join(', ')}`);
  return found(kept, input, ['bodyAndYear', question], generations.filter((g) => !keptGenerations.includes(g)));
}
