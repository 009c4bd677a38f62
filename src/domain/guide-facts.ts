// Guide facts that hold for every generation: attempts and lockout, the ignition, blank-display checks, battery care, serial tips.
import { ATTEMPT_LIMIT, LOCKOUT_MS, SAFE_WAIT_MS } from './limits';
import { BLAUPUNKT_DEALER_CHARACTERS, BLAUPUNKT_SERIAL_LENGTH } from './serial-lengths';
import type { TextFact } from './sources';


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

/**
 * FACTS.md "Ignition position": the seed names position II (accessories on) for SAFE, BMW-era sources
 * the first position for CODE WAIT. Both keep the radio powered with the engine off, so the guide says
 * that plainly and shows the naming difference as a conflict wherever a position is named.
 */
export const IGNITION_INSTRUCTION: TextFact = { key: 'ignition.plain', confidence: 'confirmed', sources: ['seed', 'koalamotorsport'] };
export const IGNITION_POSITION_CONFLICT: TextFact = {
  key: 'ignition.positionConflict',
  confidence: 'conflict',
  sources: ['seed', 'koalamotorsport', 'bmwauto', 'bimmerfest'],
};

/** What to keep in mind while a countdown runs, per kind. */
export const WAIT_INSTRUCTIONS: Readonly<Record<'safeWait' | 'lockout', readonly TextFact[]>> = {
  safeWait: [
    IGNITION_INSTRUCTION,
    IGNITION_POSITION_CONFLICT,
    { key: 'wait.safeWait.upTo', confidence: 'seed', sources: ['seed'], params: { minutes: SAFE_WAIT_MS / 60_000 } },
    { key: 'wait.safeWait.over', confidence: 'seed', sources: ['seed'] },
  ],
  lockout: [
    IGNITION_INSTRUCTION,
    IGNITION_POSITION_CONFLICT,
    { key: 'wait.lockout.fullHour', confidence: 'confirmed', sources: ['seed', 'koalamotorsport'], params: { minutes: LOCKOUT_MS / 60_000 } },
    { key: 'wait.lockout.after', confidence: 'reported', sources: ['koalamotorsport'], params: { count: ATTEMPT_LIMIT } },
  ],
};

/** Reading the serial right: most wrong codes come from a misread serial. */
export const SERIAL_TIPS: readonly TextFact[] = [
  { key: 'serialTips.typos', confidence: 'reported', sources: ['rapidradiocodes'], params: { percent: 95 } },
  { key: 'serialTips.lookAlikes', confidence: 'reported', sources: ['rapidradiocodes'] },
  { key: 'serialTips.grouped', confidence: 'generic', sources: [] },
  { key: 'serialTips.blaupunktLength', confidence: 'reported', sources: ['mcoupe'], params: { length: BLAUPUNKT_SERIAL_LENGTH, used: BLAUPUNKT_DEALER_CHARACTERS } },
  { key: 'serialTips.maker', confidence: 'reported', sources: ['bmwauto'] },
  { key: 'serialTips.oneUnit', confidence: 'seed', sources: ['seed'] },
];
