// What to do during the two hour-long waits (SAFE standby, lockout): the ignition facts first, then the rest of each wait.
import { IGNITION_INSTRUCTION, IGNITION_POSITION_CONFLICT, WAIT_INSTRUCTIONS } from './guide-facts';
import { ATTEMPT_LIMIT } from './limits';
import type { TextFact } from './sources';

/**
 * FACTS.md § Ignition position: one plain rule (radio on, engine off, for the whole time) and the
 * key positions the sources name, shown as the conflict they are. The wait step shows them in a card
 * of their own; the guide pages list them with the other wait instructions.
 */
export const IGNITION_FACTS: readonly TextFact[] = [IGNITION_INSTRUCTION, IGNITION_POSITION_CONFLICT];

const notIgnition = (fact: TextFact) => !IGNITION_FACTS.includes(fact);

/** The rest of each wait's guidance, after the ignition facts. */
export const WAIT_FACTS: Readonly<Record<'safeWait' | 'lockout', readonly TextFact[]>> = {
  safeWait: WAIT_INSTRUCTIONS.safeWait.filter(notIgnition),
  lockout: WAIT_INSTRUCTIONS.lockout.filter(notIgnition),
};

/** Why a lockout may outlast its hour (FACTS.md: some users report 90 minutes). */
export const LOCKOUT_LONGER: TextFact = { key: 'facts.lockout.longer', confidence: 'reported', sources: ['researchNotes'] };

/**
 * The half hour after a lockout hour the radio did not end: why it may last longer, and what comes after. Not "wait
 * the full hour" (that is the first hour's rule, and this countdown is shorter).
 */
export const LOCKOUT_EXTENSION_FACTS: readonly TextFact[] = [
  LOCKOUT_LONGER,
  { key: 'wait.lockout.whenBack', confidence: 'reported', sources: ['koalamotorsport'], params: { count: ATTEMPT_LIMIT } },
];
