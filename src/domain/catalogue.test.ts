// Catalogue completeness, sourcing, the "which MINI?" picker, and every domain i18n key against guide.json.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATION_IDS } from './generations';
import {
  BATTERY_ADVICE,
  BLANK_CHECKS,
  BODY_STYLES,
  BODY_STYLE_KEYS,
  IGNITION_INSTRUCTION,
  IGNITION_POSITION_CONFLICT,
  CONFIDENCES,
  CONFIDENCE_KEYS,
  DISPLAY_ANSWERS,
  DISPLAY_CATALOGUE,
  GENERAL_FACTS,
  GENERATIONS,
  SERIAL_TIPS,
  SOURCES,
  SOURCE_IDS,
  WAIT_INSTRUCTIONS,
  codeNeedDispute,
  generationEntry,
  primaryEntryStyle,
} from './catalogue';
import { ANSWER_KEYS, CUE_FACTS, QUESTION_KEYS, identify } from './identify';
import { SERIAL_FORMATS } from './serial';
import {
  ATTEMPTS_LEFT_KEY,
  DISPLAY_MESSAGES,
  DONE_WITHOUT_CODE_KEYS,
  LAST_ATTEMPT_KEY,
  LOCKOUT_EXTENSION_KEYS,
  LOCKOUT_EXTENSION_MS,
  LOCKOUT_EXTENSION_OVER_KEYS,
  LOCKOUT_OVER_KEYS,
  NOTIFY_KEYS,
  SAFE_WAIT_OVER_KEYS,
  STATE_KEYS,
  transition,
  initialState,
} from './diagnosis-machine';
import { LOCKOUT_EXTENSION_FACTS, LOCKOUT_LONGER, WAIT_FACTS } from './wait-guidance';
import { COACH_PROBLEM_KEYS, ENTRY_STYLES, ENTRY_STYLE_INFO, coachCode } from './entry-coach';

const guide = JSON.parse(readFileSync(new URL('../i18n/locales/en/guide.json', import.meta.url), 'utf8')) as Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Key collection: keys are relative to the `guide` namespace (no `guide:` prefix).

type Params = Readonly<Record<string, string | number>> | undefined;
interface KeyUse {
  key: string;
  params: Params;
  where: string;
  /** Only check that the text exists (a key list; its params are checked where the key is really used). */
  existenceOnly?: boolean;
}

/** Walks data and collects every i18n key: fields named `key`, `…Key`, and `stepKeys` lists. */
function collectKeys(value: unknown, where: string, out: KeyUse[] = []): KeyUse[] {
  if (Array.isArray(value)) value.forEach((v, i) => collectKeys(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const params = record.params as Params;
    for (const [name, field] of Object.entries(record)) {
      if (name === 'key' && typeof field === 'string') out.push({ key: field, params, where });
      // A dispute's askedForCodeKey is shown with the display the owner reported (code-need-dispute.tsx).
      else if (name === 'askedForCodeKey' && typeof field === 'string') out.push({ key: field, params: { display: 'SAFE' }, where: `${where}.${name}` });
      else if (name.endsWith('Key') && typeof field === 'string') out.push({ key: field, params: undefined, where: `${where}.${name}` });
      else if (name === 'stepKeys' && Array.isArray(field)) field.forEach((k: string) => out.push({ key: k, params: undefined, where: `${where}.stepKeys` }));
      else collectKeys(field, `${where}.${name}`, out);
    }
  }
  return out;
}

/** Key maps (Record<x, key>) are walked as `…Key`-named fields. */
function keyMap(map: Readonly<Record<string, string | { title: string; body: string }>>, where: string): KeyUse[] {
  return Object.entries(map).flatMap(([name, v]) =>
    typeof v === 'string' ? [{ key: v, params: undefined, where: `${where}.${name}` }] : [v.title, v.body].map((key) => ({ key, params: undefined, where: `${where}.${name}` })),
  );
}

function coachUses(): KeyUse[] {
  const out: KeyUse[] = [];
  const codes = ['1234', '21346', '6111', '90817', '', 'abcd', '1', '123', '1270', '1203', '12345', '1515'];
  for (const style of ENTRY_STYLES)
    for (const code of codes)
      for (const options of [{}, { buttons: 4 }, { startsAt: '0' as const }, { startsAt: '1' as const }, { startsAt: 'dash' as const }]) {
        const r = coachCode(code, style, options);
        if (r.ok) collectKeys({ steps: r.steps.map(({ hint, ...step }) => (hint ? [step, hint] : [step])), notes: r.notes }, `coach(${style},${code})`, out);
        else out.push({ key: r.detail.key, params: r.detail.params, where: `coach(${style},${code})` });
      }
  return out;
}

function machineUses(): KeyUse[] {
  return [
    ...keyMap(STATE_KEYS, 'STATE_KEYS'),
    ...keyMap(NOTIFY_KEYS, 'NOTIFY_KEYS'),
    ...keyMap(SAFE_WAIT_OVER_KEYS, 'SAFE_WAIT_OVER_KEYS'),
    ...keyMap(LOCKOUT_OVER_KEYS, 'LOCKOUT_OVER_KEYS'),
    // screenKeysOf hands these out with the half hour they name.
    ...[...keyMap(LOCKOUT_EXTENSION_KEYS, 'LOCKOUT_EXTENSION_KEYS'), ...keyMap(LOCKOUT_EXTENSION_OVER_KEYS, 'LOCKOUT_EXTENSION_OVER_KEYS')].map((u) => ({
      ...u,
      params: { minutes: LOCKOUT_EXTENSION_MS / 60_000 },
    })),
    ...keyMap(DONE_WITHOUT_CODE_KEYS, 'DONE_WITHOUT_CODE_KEYS'),
    ...[0, 1, 2, 3].map((count) => ({ key: ATTEMPTS_LEFT_KEY, params: { count }, where: 'ATTEMPTS_LEFT_KEY' })),
    { key: LAST_ATTEMPT_KEY, params: undefined, where: 'LAST_ATTEMPT_KEY' },
  ];
}

function catalogueUses(): KeyUse[] {
  return [
    ...collectKeys(GENERATIONS, 'GENERATIONS'),
    ...collectKeys(DISPLAY_CATALOGUE, 'DISPLAY_CATALOGUE'),
    ...collectKeys(DISPLAY_ANSWERS, 'DISPLAY_ANSWERS'),
    ...collectKeys({ GENERAL_FACTS, BLANK_CHECKS, BATTERY_ADVICE, WAIT_INSTRUCTIONS, SERIAL_TIPS, IGNITION_INSTRUCTION, IGNITION_POSITION_CONFLICT }, 'facts'),
    ...collectKeys(ENTRY_STYLE_INFO, 'ENTRY_STYLE_INFO'),
    ...keyMap(BODY_STYLE_KEYS, 'BODY_STYLE_KEYS'),
    ...keyMap(QUESTION_KEYS, 'QUESTION_KEYS'),
    ...keyMap(ANSWER_KEYS.speedometer, 'ANSWER_KEYS.speedometer'),
    ...keyMap(ANSWER_KEYS.ignitionKey, 'ANSWER_KEYS.ignitionKey'),
    ...collectKeys(CUE_FACTS, 'CUE_FACTS'),
    ...collectKeys(SERIAL_FORMATS, 'SERIAL_FORMATS'),
    ...keyMap(CONFIDENCE_KEYS, 'CONFIDENCE_KEYS'),
    ...keyMap(COACH_PROBLEM_KEYS, 'COACH_PROBLEM_KEYS').map((u) => ({ ...u, params: { count: 2 }, existenceOnly: true })),
    ...[identify({ body: 'hatch5', year: 2010 })].flatMap((r) => (r.kind === 'none' ? [{ key: r.reasonKey, params: r.params, where: 'identify' }] : [])),
    ...collectKeys({ WAIT_FACTS, LOCKOUT_LONGER, LOCKOUT_EXTENSION_FACTS }, 'wait-guidance'),
    ...collectKeys(GENERATION_IDS.map((id) => codeNeedDispute(id)), 'codeNeedDispute'),
  ];
}

function lookup(key: string): unknown {
  let node: unknown = guide;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return node;
}

/** The English texts a use can render to: the key itself, or its `_one`/`_other` forms with a count. */
function resolve(use: KeyUse): string[] | string {
  if (use.key.startsWith('guide:')) return `${use.key} carries a namespace prefix; keys are relative to guide`;
  const plain = lookup(use.key);
  if (typeof plain === 'string') return [plain];
  if (use.params && 'count' in use.params) {
    const forms = ['_one', '_other'].map((suffix) => lookup(`${use.key}${suffix}`));
    if (forms.every((f) => typeof f === 'string')) return forms as string[];
  }
  return `missing: ${use.key} (${use.where})`;
}

const allUses = [...catalogueUses(), ...machineUses(), ...coachUses()];

describe('i18n keys', () => {
  it('collects a meaningful number of keys (the walk itself works)', () => {
    expect(allUses.length).toBeGreaterThan(150);
    expect(allUses.some((u) => u.key === 'coach.increment.pressUntil')).toBe(true);
    expect(allUses.some((u) => u.key === 'serial.buttonCombo.hold')).toBe(true);
  });

  it('every key the catalogue, machine and coach hand out exists in en/guide.json', () => {
    const problems = allUses.map(resolve).filter((r): r is string => typeof r === 'string');
    expect([...new Set(problems)]).toEqual([]);
  });

  it('every {{placeholder}} in a text is given by the code that uses it', () => {
    const problems: string[] = [];
    for (const use of allUses) {
      const texts = resolve(use);
      if (typeof texts === 'string' || use.existenceOnly) continue;
      for (const text of texts)
        for (const [, name = ''] of text.matchAll(/\{\{\s*(\w+)\s*\}\}/g))
          if (!use.params || !(name in use.params)) problems.push(`${use.key} needs {{${name}}} (${use.where})`);
    }
    expect([...new Set(problems)]).toEqual([]);
  });

  it('guide.json has no text that nothing uses', () => {
    const used = new Set(allUses.map((u) => u.key));
    const leaves: string[] = [];
    const walk = (node: unknown, path: string[]) => {
      if (typeof node === 'string') leaves.push(path.join('.'));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    };
    walk(guide, []);
    const orphans = leaves.filter((leaf) => !used.has(leaf) && !used.has(leaf.replace(/_(one|other)$/, '')));
    expect(orphans).toEqual([]);
  });

  it('keeps the radio’s own words in the display labels', () => {
    for (const message of ['SAFE', 'CODE', '1000', 'WAIT', 'CODE WAIT', 'DISABLED'])
      expect(lookup(`display.${message}.label`)).toMatch(new RegExp(`^${message}\\b`));
  });
});

// ---------------------------------------------------------------------------------------------

/** Every object carrying a confidence tag, wherever it sits in the data. */
function sourcedFacts(value: unknown, where: string, out: { where: string; fact: Record<string, unknown> }[] = []) {
  if (Array.isArray(value)) value.forEach((v, i) => sourcedFacts(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('confidence' in record) out.push({ where, fact: record });
    for (const [k, v] of Object.entries(record)) sourcedFacts(v, `${where}.${k}`, out);
  }
  return out;
}

describe('generations', () => {
  it('has exactly one entry per generation id, in order', () => {
    expect(GENERATIONS.map((g) => g.id)).toEqual([...GENERATION_IDS]);
  });

  it.each(GENERATION_IDS)('%s has every field filled', (id) => {
    const g = generationEntry(id);
    expect(g.nameKey).toBeTruthy();
    expect(g.summaryKey).toBeTruthy();
    expect(g.models.length).toBeGreaterThan(0);
    for (const m of g.models) expect(BODY_STYLES).toContain(m.body);
    expect(g.years.value.from).toBeLessThanOrEqual(g.years.value.to);
    expect(g.years.value.from).toBeGreaterThanOrEqual(2001);
    expect(g.headUnits.length).toBeGreaterThan(0);
    expect(g.serial.length).toBeGreaterThan(0);
    for (const s of g.serial) expect(s.stepKeys.length).toBeGreaterThan(0);
    expect(g.serial.some((s) => !s.fallback)).toBe(true);
    expect(g.entry.length).toBeGreaterThan(0);
    for (const e of g.entry) expect(ENTRY_STYLES).toContain(e.style);
    expect(g.attemptLimit.value).toBe(3);
    expect(g.attemptLimit.noteKey).toBeTruthy();
    expect(g.lockoutMinutes.value).toBe(60);
    expect(Array.isArray(g.notes)).toBe(true);
    expect(g.vinBoundUnit === null || g.vinBoundUnit.unit === 'f60-nbt-evo').toBe(true);
  });

  it('tags every fact and names real sources', () => {
    const facts = sourcedFacts(
      { GENERATIONS, DISPLAY_CATALOGUE, GENERAL_FACTS, BLANK_CHECKS, BATTERY_ADVICE, WAIT_INSTRUCTIONS, SERIAL_TIPS, ENTRY_STYLE_INFO, CUE_FACTS, SERIAL_FORMATS, WAIT_FACTS },
      'data',
    );
    expect(facts.length).toBeGreaterThan(60);
    for (const { where, fact } of facts) {
      expect(CONFIDENCES, where).toContain(fact.confidence);
      const sources = fact.sources as string[];
      expect(Array.isArray(sources), where).toBe(true);
      for (const s of sources) expect(SOURCE_IDS, where).toContain(s);
      // Only generic advice may go without a source; a conflict needs at least two sides.
      if (fact.confidence !== 'generic') expect(sources.length, where).toBeGreaterThan(0);
      if (fact.confidence === 'conflict') expect(sources.length, where).toBeGreaterThan(1);
      if (fact.confidence === 'confirmed') expect(sources.length, where).toBeGreaterThan(1);
    }
  });

  it('gives every source a name', () => {
    for (const id of SOURCE_IDS) expect(SOURCES[id].name.length).toBeGreaterThan(3);
  });

  it('names each generation with the years its models were built (FACTS.md table), not the seed’s coarse ranges', () => {
    expect(GENERATIONS.map((g) => [g.id, g.years.value.from, g.years.value.to])).toEqual([
      ['r50-r53', 2001, 2008],
      ['r55-r59', 2006, 2015],
      ['r60-r61', 2010, 2016],
      ['f55-f57', 2014, 2024],
      ['f54-f60', 2015, 2024],
    ]);
    for (const g of GENERATIONS) expect(lookup(g.nameKey)).toContain(`(${g.years.value.from}–${g.years.value.to})`);
  });

  it('knows the VIN-bound late F60 NBT EVO unit only on f54-f60', () => {
    expect(GENERATIONS.filter((g) => g.vinBoundUnit).map((g) => g.id)).toEqual(['f54-f60']);
    expect(generationEntry('f54-f60').vinBoundUnit?.years).toEqual({ from: 2019, to: 2023 });
  });

  it('leads with the seed’s entry method per generation', () => {
    expect(GENERATION_IDS.map(primaryEntryStyle)).toEqual(['presetSelect', 'increment', 'increment', 'controller', 'controller']);
  });

  it('covers every display message but `normal`, each leading to the right state', () => {
    expect(DISPLAY_CATALOGUE.map((d) => d.message).sort()).toEqual(DISPLAY_MESSAGES.filter((m) => m !== 'normal').sort());
    for (const entry of DISPLAY_CATALOGUE) {
      const next = transition(initialState('r55-r59', 0), { type: 'display.reported', message: entry.message }, 0).state.value;
      expect(next, entry.message).toBe(entry.next);
    }
    expect(DISPLAY_ANSWERS.map((a) => a.message).sort()).toEqual([...DISPLAY_MESSAGES].sort());
  });
});

describe('code need disputes (FACTS.md conflicts)', () => {
  it('gives both sides and what to try first for the data-bus, CHAMP and iDrive units', () => {
    for (const id of GENERATION_IDS) {
      const dispute = codeNeedDispute(id);
      expect(dispute, id).not.toBeNull();
      expect(dispute?.confidence).toBe('conflict');
      expect(dispute?.sources).toContain('seed');
      expect(dispute?.sources.length).toBeGreaterThan(1);
    }
    expect(codeNeedDispute('r50-r53')?.othersSayKey).toBe('disputes.dataBus.othersSay');
    expect(codeNeedDispute('r55-r59')?.sources).toContain('bmwSiM650213');
    expect(codeNeedDispute('r60-r61')?.othersSayKey).toBe('disputes.champ.othersSay');
    expect(codeNeedDispute('f55-f57')?.tryFirstKey).toBe('disputes.vinPaired.tryFirst');
  });

  it('does not show F54/F60 as simply "most need a code": the VIN-paired conflict is there', () => {
    expect(codeNeedDispute('f54-f60')).toMatchObject({ othersSayKey: 'disputes.vinPaired.othersSay', sources: expect.arrayContaining(['radiocodelookupBmw']) });
  });
});

describe('ignition (FACTS.md: radio on, engine off; position names disagree)', () => {
  it('leads every wait with the plain instruction and shows the position difference as a conflict', () => {
    for (const kind of ['safeWait', 'lockout'] as const) {
      expect(WAIT_INSTRUCTIONS[kind][0]).toBe(IGNITION_INSTRUCTION);
      expect(WAIT_INSTRUCTIONS[kind]).toContain(IGNITION_POSITION_CONFLICT);
    }
    expect(IGNITION_POSITION_CONFLICT.confidence).toBe('conflict');
  });

  it('puts the conflict beside every display message whose action names a position', () => {
    const named = DISPLAY_CATALOGUE.filter((entry) => /position II|first position/i.test(lookup(entry.actionKey) as string));
    expect(named.map((entry) => entry.message)).toEqual(['SAFE', 'CODE WAIT']);
    for (const entry of named) expect(entry.notes, entry.message).toContain(IGNITION_POSITION_CONFLICT);
  });
});
