// MINI model codes with their body style and production years (FACTS.md "Model codes and years"): what identification stands on.
import type { GenerationId } from './generations';
import type { Sourced } from './sources';

export const BODY_STYLES = ['hatch', 'hatch5', 'convertible', 'coupe', 'roadster', 'clubman', 'countryman', 'paceman'] as const;
export type BodyStyle = (typeof BODY_STYLES)[number];
/** Relative to the `guide` namespace. */
export const BODY_STYLE_KEYS: Readonly<Record<BodyStyle, string>> = Object.fromEntries(
  BODY_STYLES.map((body) => [body, `picker.body.${body}`]),
) as Record<BodyStyle, string>;

export interface YearRange {
  from: number;
  to: number;
}

export const MODEL_CODES = ['R50', 'R53', 'R52', 'R56', 'R55', 'R57', 'R58', 'R59', 'R60', 'R61', 'F56', 'F55', 'F57', 'F54', 'F60'] as const;
export type ModelCode = (typeof MODEL_CODES)[number];

export interface ModelFacts extends Sourced {
  code: ModelCode;
  body: BodyStyle;
  /** Production years; where FACTS.md gives two start years (R58 "2011/2012") the earlier one. */
  production: YearRange;
  generation: GenerationId;
}

const TABLE = ['munichmotorsport', 'outmotoring', 'allmagautoparts'] as const;
const model = (code: ModelCode, body: BodyStyle, from: number, to: number, generation: GenerationId): ModelFacts => ({
  code,
  body,
  production: { from, to },
  generation,
  confidence: 'reported',
  sources: TABLE,
});

export const MODELS: readonly ModelFacts[] = [
  model('R50', 'hatch', 2001, 2006, 'r50-r53'),
  model('R53', 'hatch', 2001, 2006, 'r50-r53'),
  model('R52', 'convertible', 2004, 2008, 'r50-r53'),
  model('R56', 'hatch', 2006, 2013, 'r55-r59'),
  model('R55', 'clubman', 2007, 2014, 'r55-r59'),
  model('R57', 'convertible', 2009, 2015, 'r55-r59'),
  model('R58', 'coupe', 2011, 2015, 'r55-r59'),
  model('R59', 'roadster', 2012, 2015, 'r55-r59'),
  model('R60', 'countryman', 2010, 2016, 'r60-r61'),
  model('R61', 'paceman', 2012, 2016, 'r60-r61'),
  model('F56', 'hatch', 2014, 2024, 'f55-f57'),
  model('F55', 'hatch5', 2014, 2024, 'f55-f57'),
  model('F57', 'convertible', 2016, 2024, 'f55-f57'),
  model('F54', 'clubman', 2015, 2024, 'f54-f60'),
  model('F60', 'countryman', 2017, 2024, 'f54-f60'),
];

export function modelFacts(code: ModelCode): ModelFacts {
  const found = MODELS.find((m) => m.code === code);
  if (!found) throw new Error(`No model ${code}`);
  return found;
}

/** The years an owner can pick: every production year in the table. */
export const MODEL_YEARS: YearRange = {
  from: Math.min(...MODELS.map((m) => m.production.from)),
  to: Math.max(...MODELS.map((m) => m.production.to)),
};

/**
 * "R56", "r56", "F 56", "f-55" → the model code, or null when it is not one of ours. Spaces, dashes
 * and full-width characters are what people type from a registration paper or a phone keyboard.
 */
export function parseModelCode(raw: string): ModelCode | null {
  const clean = raw.normalize('NFKC').toUpperCase().replace(/[\s\-_.]+/g, '');
  return (MODEL_CODES as readonly string[]).includes(clean) ? (clean as ModelCode) : null;
}
