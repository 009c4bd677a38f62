// Where the guide's facts come from and how sure we are of each (FACTS.md); re-exported by catalogue.ts.

/**
 * - seed: stated by the seed page only.
 * - confirmed: the seed and an independent source (or BMW documentation) agree.
 * - reported: forums or other services, not the seed: shown as a note with a "reported" badge.
 * - conflict: sources disagree; the UI shows both sides and says so.
 * - generic: common-sense car care that FACTS.md tags "generic" (no specific source).
 */
export const CONFIDENCES = ['seed', 'confirmed', 'reported', 'conflict', 'generic'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
/** Badge text per tag (relative to the `guide` namespace). */
export const CONFIDENCE_KEYS: Readonly<Record<Confidence, string>> = {
  seed: 'confidence.seed',
  confirmed: 'confidence.confirmed',
  reported: 'confidence.reported',
  conflict: 'confidence.conflict',
  generic: 'confidence.generic',
};

export interface Source {
  /** A citation, shown as is (a publication's own name is not translated). */
  name: string;
  /** The site, as FACTS.md names it; null for a document or forum without one given. */
  domain: string | null;
}

export const SOURCES = {
  seed: { name: 'radiocodelookup.com: MINI Cooper radio code guide (the seed page)', domain: 'radiocodelookup.com' },
  seedSerialPage: { name: 'radiocodelookup.com: another MINI page of the same service', domain: 'radiocodelookup.com' },
  radiocodelookupBmw: { name: 'radiocodelookup.com: BMW radio code page', domain: 'radiocodelookup.com' },
  bmwSiM650213: { name: 'BMW service information SI M65 02 13 (CHAMP2 unit, R55–R60)', domain: null },
  gbmini: { name: 'gbmini.net forum threads', domain: 'gbmini.net' },
  northAmericanMotoring: { name: 'North American Motoring forum threads', domain: 'northamericanmotoring.com' },
  mini2: { name: 'mini2.com forum threads', domain: 'mini2.com' },
  koalamotorsport: { name: 'Koala Motorsport: BMW radio code article', domain: 'koalamotorsport.com' },
  bmwauto: { name: 'bmwauto.net forum threads', domain: 'bmwauto.net' },
  bimmerfest: { name: 'Bimmerfest forum threads', domain: null },
  rapidradiocodes: { name: 'Rapid Radio Codes', domain: 'rapidradiocodes.co.uk' },
  mcoupe: { name: 'mcoupe.com (quoting a BMW bulletin)', domain: 'mcoupe.com' },
  ownerForums: { name: 'Owner forum threads (not named in our research notes)', domain: null },
  munichmotorsport: { name: 'Munich Motorsport: MINI chassis designations', domain: 'munichmotorsport.com' },
  outmotoring: { name: 'OutMotoring: What MINI do I have?', domain: 'outmotoring.com' },
  allmagautoparts: { name: 'AllMag Auto Parts: MINI model years', domain: 'allmagautoparts.com' },
  motoringfile: { name: 'MotoringFile: F56 interior reports (2012)', domain: 'motoringfile.com' },
  margaretandian: { name: 'margaretandian.com: R56 key differences (2007)', domain: 'margaretandian.com' },
  bmwSiB650599: { name: 'BMW service information SI B 65 05 99 (radio security codes), as published on myvehicle.help', domain: 'myvehicle.help' },
  cariffy: { name: 'Cariffy: identifying a MINI (radio serial number)', domain: 'cariffy.com' },
  /** Stated in the team's research notes (FACTS.md) without a named public source. */
  researchNotes: { name: 'Research notes (no public source named)', domain: null },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
export const SOURCE_IDS = Object.keys(SOURCES) as SourceId[];

/** Anything the guide states: how sure we are, and who says so. */
export interface Sourced {
  confidence: Confidence;
  sources: readonly SourceId[];
}

/** A sentence of the guide: an i18n key (relative to the `guide` namespace) with its sourcing. */
export interface TextFact extends Sourced {
  key: string;
  params?: Readonly<Record<string, string | number>>;
}

/** A value the UI formats itself (a year range, a number), with its sourcing and an optional note. */
export interface ValueFact<T> extends Sourced {
  value: T;
  noteKey?: string;
}
