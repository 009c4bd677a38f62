// The radio's display messages in its own words: what each means, what to do, where the diagnosis goes next.
import type { DisplayMessage, StateName } from './diagnosis-machine';
import { IGNITION_POSITION_CONFLICT } from './guide-facts';
import type { Sourced, TextFact } from './sources';


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
    notes: [IGNITION_POSITION_CONFLICT, { key: 'display.SAFE.noteWording', confidence: 'reported', sources: ['researchNotes'] }],
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
    notes: [IGNITION_POSITION_CONFLICT],
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

