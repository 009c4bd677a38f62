// Identification against FACTS.md's model-code table: every body style × production year 2001–2024, typed codes, the cues.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { GenerationId } from './generations';
import { identify, type Identification, type IdentifyInput } from './identify';
import { BODY_STYLES, MODELS, MODEL_YEARS, parseModelCode, type BodyStyle } from './models';

/** FACTS.md "Model codes and years", typed again here so the test does not read the code's own table. */
const FACTS_TABLE: readonly { code: string; body: BodyStyle; from: number; to: number; generation: GenerationId }[] = [
  { code: 'R50', body: 'hatch', from: 2001, to: 2006, generation: 'r50-r53' },
  { code: 'R53', body: 'hatch', from: 2001, to: 2006, generation: 'r50-r53' },
  { code: 'R52', body: 'convertible', from: 2004, to: 2008, generation: 'r50-r53' },
  { code: 'R56', body: 'hatch', from: 2006, to: 2013, generation: 'r55-r59' },
  { code: 'R55', body: 'clubman', from: 2007, to: 2014, generation: 'r55-r59' },
  { code: 'R57', body: 'convertible', from: 2009, to: 2015, generation: 'r55-r59' },
  { code: 'R58', body: 'coupe', from: 2011, to: 2015, generation: 'r55-r59' },
  { code: 'R59', body: 'roadster', from: 2012, to: 2015, generation: 'r55-r59' },
  { code: 'R60', body: 'countryman', from: 2010, to: 2016, generation: 'r60-r61' },
  { code: 'R61', body: 'paceman', from: 2012, to: 2016, generation: 'r60-r61' },
  { code: 'F56', body: 'hatch', from: 2014, to: 2024, generation: 'f55-f57' },
  { code: 'F55', body: 'hatch5', from: 2014, to: 2024, generation: 'f55-f57' },
  { code: 'F57', body: 'convertible', from: 2016, to: 2024, generation: 'f55-f57' },
  { code: 'F54', body: 'clubman', from: 2015, to: 2024, generation: 'f54-f60' },
  { code: 'F60', body: 'countryman', from: 2017, to: 2024, generation: 'f54-f60' },
];

const YEARS = Array.from({ length: 2024 - 2001 + 1 }, (_, i) => 2001 + i);

/** Answers every question the way an owner of `truth` would (a real car of that generation). */
function answerAs(truth: GenerationId, input: IdentifyInput, result: Identification): IdentifyInput | null {
  if (result.kind !== 'ask') return null;
  switch (result.question) {
    case 'speedometer':
      return { ...input, speedometer: truth.startsWith('r') ? 'centre' : 'behindWheel' };
    case 'ignitionKey':
      return { ...input, ignitionKey: truth === 'r50-r53' ? 'turnKey' : 'slotOrButton' };
    case 'nbtEvo':
      return { ...input, nbtEvo: false };
    case 'body':
    case 'year':
      return null;
  }
}

/** Follows the questions to the end, as an owner of a `truth` car would answer them; returns the answers asked too. */
function walk(input: IdentifyInput, truth: GenerationId): { result: Identification; asked: string[] } {
  const asked: string[] = [];
  let current = input;
  for (let i = 0; i < 4; i++) {
    const result = identify(current);
    if (result.kind !== 'ask') return { result, asked };
    asked.push(result.question);
    const next = answerAs(truth, current, result);
    if (!next) return { result, asked };
    current = next;
  }
  throw new Error('more than three questions');
}

describe('the model table', () => {
  it('is FACTS.md’s table', () => {
    expect(MODELS.map(({ code, body, production, generation }) => ({ code, body, from: production.from, to: production.to, generation }))).toEqual(FACTS_TABLE);
  });

  it('lets the owner pick every year up to 2024', () => {
    expect(MODEL_YEARS).toEqual({ from: 2001, to: 2024 });
  });
});

describe('every body style × production year 2001–2024', () => {
  for (const body of BODY_STYLES)
    for (const year of YEARS) {
      const built = FACTS_TABLE.filter((m) => m.body === body && year >= m.from && year <= m.to);
      const truths = [...new Set(built.map((m) => m.generation))];
      if (truths.length === 0) continue;
      it(`${body} built ${year} → ${truths.join(' or ')}`, () => {
        for (const truth of truths) {
          const { result, asked } = walk({ body, year }, truth);
          // Lands on the real generation, after at most one question the owner can see (plus the seed's NBT EVO question).
          expect(result).toMatchObject({ kind: 'found', generation: truth });
          expect(asked.filter((q) => q !== 'nbtEvo').length).toBeLessThanOrEqual(1);
          if (result.kind === 'found') expect(result.decidedBy.length).toBeGreaterThan(0);
        }
        // Where the table itself has two generations for this year, a visible question must be asked.
        if (truths.length > 1) expect(identify({ body, year })).toMatchObject({ kind: 'ask' });
      });
    }

  it('says plainly when no car of that body style was built that year', () => {
    expect(identify({ body: 'hatch5', year: 2010 })).toEqual({ kind: 'none', reasonKey: 'picker.none', params: { year: 2010, from: 2014, to: 2024 } });
    expect(identify({ body: 'coupe', year: 2005 })).toMatchObject({ kind: 'none' });
  });
});

describe('the cases the issue names', () => {
  it.each([
    [{ body: 'convertible', year: 2014 }, 'r55-r59', ['R57']],
    [{ body: 'convertible', year: 2007 }, 'r50-r53', ['R52']],
    [{ body: 'convertible', year: 2008 }, 'r50-r53', ['R52']],
    [{ body: 'roadster', year: 2014 }, 'r55-r59', ['R59']],
    [{ body: 'coupe', year: 2015 }, 'r55-r59', ['R58']],
    [{ body: 'clubman', year: 2014 }, 'r55-r59', ['R55']],
    [{ body: 'hatch', year: 2022 }, 'f55-f57', ['F56']],
    [{ body: 'hatch', year: 2024 }, 'f55-f57', ['F56']],
    [{ body: 'hatch', year: 2004 }, 'r50-r53', ['R50', 'R53']],
  ] as const)('%o → %s', (input, generation, models) => {
    expect(identify(input)).toEqual({ kind: 'found', generation, models, unit: null, decidedBy: ['bodyAndYear'], alternatives: [] });
  });

  it.each([2022, 2023, 2024])('a %i Countryman lands on F60, after the seed’s NBT EVO question', (year) => {
    expect(identify({ body: 'countryman', year })).toEqual({ kind: 'ask', question: 'nbtEvo', generations: ['f54-f60'] });
    expect(identify({ body: 'countryman', year, nbtEvo: false })).toMatchObject({ kind: 'found', generation: 'f54-f60', unit: null });
  });

  it('asks where the speedometer is for the R/F overlaps FACTS.md names, and says that decided it', () => {
    for (const [body, year] of [
      ['hatch', 2014],
      ['clubman', 2015],
      ['countryman', 2017],
      ['convertible', 2016],
    ] as const) {
      expect(identify({ body, year }), `${body} ${year}`).toMatchObject({ kind: 'ask', question: 'speedometer' });
      const older = identify({ body, year, speedometer: 'centre' });
      expect(older).toMatchObject({ kind: 'found', decidedBy: ['bodyAndYear', 'speedometer'] });
      const newer = identify({ body, year, speedometer: 'behindWheel', nbtEvo: false });
      expect(newer).toMatchObject({ kind: 'found', decidedBy: ['bodyAndYear', 'speedometer'] });
      // The caveat (R-series navigation) leaves the older generation one tap away.
      if (older.kind === 'found' && newer.kind === 'found') expect(newer.alternatives).toEqual([older.generation]);
    }
  });

  it('asks how the engine starts where the first and second generation overlap', () => {
    expect(identify({ body: 'hatch', year: 2006 })).toMatchObject({ kind: 'ask', question: 'ignitionKey', generations: ['r50-r53', 'r55-r59'] });
    expect(identify({ body: 'hatch', year: 2006, ignitionKey: 'turnKey' })).toMatchObject({ kind: 'found', generation: 'r50-r53', alternatives: ['r55-r59'] });
    expect(identify({ body: 'convertible', year: 2009, ignitionKey: 'slotOrButton' })).toMatchObject({ kind: 'found', generation: 'r55-r59', models: ['R57'] });
  });

  it('keeps the VIN-bound late F60 NBT EVO question as before', () => {
    expect(identify({ body: 'countryman', year: 2020, nbtEvo: true })).toMatchObject({ kind: 'found', generation: 'f54-f60', unit: 'f60-nbt-evo' });
    expect(identify({ body: 'countryman', year: 2018 })).toMatchObject({ kind: 'found', unit: null });
    expect(identify({ body: 'clubman', year: 2021 })).toMatchObject({ kind: 'found', generation: 'f54-f60', unit: null });
  });
});

describe('a model code typed directly', () => {
  it.each([
    ['R56', 'R56'],
    ['r56', 'R56'],
    ['F 56', 'F56'],
    [' f-55 ', 'F55'],
    ['Ｒ５３', 'R53'],
  ])('reads %j as %s', (raw, code) => {
    expect(parseModelCode(raw)).toBe(code);
  });

  it.each(['R51', 'F40', 'E46', '56', 'R5 6x', ''])('refuses %j', (raw) => {
    expect(parseModelCode(raw)).toBeNull();
  });

  it('lands on the code’s generation, decided by the code; an F60 still gets the NBT EVO question', () => {
    expect(identify({ modelCode: 'F56' })).toEqual({ kind: 'found', generation: 'f55-f57', models: ['F56'], unit: null, decidedBy: ['modelCode'], alternatives: [] });
    expect(identify({ modelCode: 'R52' })).toMatchObject({ kind: 'found', generation: 'r50-r53' });
    expect(identify({ modelCode: 'F60' })).toMatchObject({ kind: 'ask', question: 'nbtEvo' });
    expect(identify({ modelCode: 'F60', nbtEvo: true })).toMatchObject({ kind: 'found', unit: 'f60-nbt-evo' });
  });
});

describe('never contradicts an answer', () => {
  it('a found generation has a model of the body style, built that year or the year before (US model years)', () => {
    fc.assert(
      fc.property(
        fc.record({
          body: fc.constantFrom(...BODY_STYLES),
          year: fc.integer({ min: 1998, max: 2027 }),
          speedometer: fc.constantFrom('centre' as const, 'behindWheel' as const),
          ignitionKey: fc.constantFrom('turnKey' as const, 'slotOrButton' as const),
          nbtEvo: fc.boolean(),
        }),
        (input) => {
          const result = identify(input);
          if (result.kind !== 'found') return;
          const matching = FACTS_TABLE.filter((m) => m.generation === result.generation && m.body === input.body && input.year >= m.from && input.year <= m.to + 1);
          expect(matching.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
