// A radio's serial number: normalised as people copy it, read back in groups, look-alikes flagged, the maker told from the format.
import * as v from 'valibot';
import type { Sourced } from './sources';

export const SERIAL_MIN_LENGTH = 6;
export const SERIAL_MAX_LENGTH = 20;

/** Upper-case, without spaces, dashes, dots or slashes: the form people copy from a label. */
export function normaliseSerial(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/[\s\-./]+/g, '');
}

/** Characters that are easy to misread on a label (FACTS.md: O/0, I/1, l/1, S/5, B/8): each with the one it is confused with. */
export const LOOK_ALIKES: Readonly<Record<string, string>> = { O: '0', '0': 'O', I: '1', L: '1', '1': 'I', S: '5', '5': 'S', B: '8', '8': 'B' };

/** Letters in a serial that are often digits in disguise (O/0, I/1, L/1, S/5, B/8). */
export function findLookAlikes(serial: string): string[] {
  const letters = new Set<string>();
  for (const ch of normaliseSerial(serial)) if ('OILSB'.includes(ch)) letters.add(ch);
  return [...letters];
}

/** Groups of four for reading back a serial against the label: "BP123456789012" → "BP12 3456 7890 12". */
export function groupSerial(serial: string): string {
  return normaliseSerial(serial).replace(/(.{4})(?=.)/g, '$1 ');
}

/** Each character with the one it is often mistaken for, if any: for reading a serial back after a rejected code. */
export function serialWithLookAlikes(serial: string): { char: string; lookAlike: string | null }[] {
  return [...normaliseSerial(serial)].map((char) => ({ char, lookAlike: LOOK_ALIKES[char] ?? null }));
}

// ---------------------------------------------------------------------------------------------
// Makers, told from the format where a source says how.

import { BLAUPUNKT_DEALER_CHARACTERS, BLAUPUNKT_SERIAL_LENGTH } from './serial-lengths';

export { BLAUPUNKT_DEALER_CHARACTERS, BLAUPUNKT_SERIAL_LENGTH };

export const SERIAL_MAKERS = ['blaupunkt', 'alpine'] as const;
export type SerialMaker = (typeof SERIAL_MAKERS)[number];

export interface SerialFormat extends Sourced {
  maker: SerialMaker;
  /** What a serial of this maker starts with, as printed. */
  prefix: string;
  /** Total lengths the source gives. */
  lengths: readonly number[];
  /** The whole serial, normalised. */
  pattern: RegExp;
  /**
   * Whether a serial with this prefix but another length is refused. Only where the source states the
   * length for the radios MINI fitted: a refusal the source does not back would block a real order.
   */
  lengthEnforced: boolean;
  /** Relative to the `guide` namespace. */
  nameKey: string;
}

export const SERIAL_FORMATS: readonly SerialFormat[] = [
  {
    maker: 'blaupunkt',
    prefix: 'BP',
    lengths: [BLAUPUNKT_SERIAL_LENGTH],
    // BMW's example "BP8272W1483692": BP and twelve letters or digits.
    pattern: /^BP[0-9A-Z]{12}$/,
    lengthEnforced: true,
    nameKey: 'serialMaker.blaupunkt',
    confidence: 'reported',
    sources: ['mcoupe', 'cariffy'],
  },
  {
    maker: 'alpine',
    prefix: 'A',
    lengths: [9, 10],
    // BMW SI B 65 05 99: Alpine serials have nine or ten characters, e.g. "A50223456" (all of it is used).
    pattern: /^A\d{8,9}$/,
    lengthEnforced: false,
    nameKey: 'serialMaker.alpine',
    confidence: 'reported',
    sources: ['bmwSiB650599'],
  },
];

/** The maker a serial's format points to, or null when no source lets us tell. */
export function serialMaker(serial: string): SerialFormat | null {
  const clean = normaliseSerial(serial);
  return SERIAL_FORMATS.find((format) => format.pattern.test(clean)) ?? null;
}

/** The enforced format a serial claims by its prefix but does not meet (an 18-character "BP…" serial), or null. */
export function brokenSerialFormat(serial: string): SerialFormat | null {
  const clean = normaliseSerial(serial);
  return SERIAL_FORMATS.find((format) => format.lengthEnforced && clean.startsWith(format.prefix) && !format.pattern.test(clean)) ?? null;
}

/** The part of a Blaupunkt serial dealers use (last 8 of 14), or null when it is not that shape. */
export function blaupunktDealerPart(serial: string): string | null {
  const clean = normaliseSerial(serial);
  return clean.length === BLAUPUNKT_SERIAL_LENGTH ? clean.slice(-BLAUPUNKT_DEALER_CHARACTERS) : null;
}

/** The serial as the order form and the server both check it: one rule, two places. */
export const SerialSchema = v.pipe(
  v.string('serial.type'),
  v.transform(normaliseSerial),
  v.minLength(1, 'serial.required'),
  v.regex(/^[A-Z0-9]*$/, 'serial.characters'),
  v.check((value) => brokenSerialFormat(value)?.maker !== 'blaupunkt', 'serial.blaupunktLength'),
  v.minLength(SERIAL_MIN_LENGTH, 'serial.tooShort'),
  v.maxLength(SERIAL_MAX_LENGTH, 'serial.tooLong'),
);

/** The serial on its own (the case asks for it before the order form): normalised, or the first problem's code. */
export function checkSerial(raw: string): { ok: true; value: string } | { ok: false; code: string } {
  const result = v.safeParse(SerialSchema, raw, { abortPipeEarly: true });
  return result.success ? { ok: true, value: result.output } : { ok: false, code: result.issues[0]?.message ?? 'serial.required' };
}
