// What to do during the two hour-long waits (SAFE standby, lockout): one plain ignition rule, the key-position conflict, and the rest.
import { ATTEMPT_LIMIT, LOCKOUT_MS, SAFE_WAIT_MS } from './diagnosis-states';
import type { TextFact } from './sources';

/**
 * FACTS.md § Ignition position: the seed names position II for SAFE, BMW-era sources the first
 * position for CODE WAIT. Both keep the radio powered with the engine off, so that is the rule
 * we state plainly; the position names are shown as the conflict they are.
 */
export const IGNITION_RULE: TextFact = { key: 'recovery.ignition.rule', confidence: 'confirmed', sources: ['seed', 'koalamotorsport'] };
export const IGNITION_CONFLICT: TextFact = {
  key: 'recovery.ignition.positions',
  confidence: 'conflict',
  sources: ['seed', 'koalamotorsport', 'bmwauto', 'bimmerfest'],
};

/** The rest of each wait's guidance, after the ignition rule (keys shared with the guide pages). */
export const WAIT_FACTS: Readonly<Record<'safeWait' | 'lockout', readonly TextFact[]>> = {
  safeWait: [
    { key: 'wait.safeWait.upTo', confidence: 'seed', sources: ['seed'], params: { minutes: SAFE_WAIT_MS / 60_000 } },
    { key: 'wait.safeWait.over', confidence: 'seed', sources: ['seed'] },
  ],
  lockout: [
    { key: 'wait.lockout.fullHour', confidence: 'confirmed', sources: ['seed', 'koalamotorsport'], params: { minutes: LOCKOUT_MS / 60_000 } },
    { key: 'wait.lockout.after', confidence: 'reported', sources: ['koalamotorsport'], params: { count: ATTEMPT_LIMIT } },
  ],
};

/** Why a lockout may outlast its hour (FACTS.md: some users report 90 minutes). */
export const LOCKOUT_LONGER: TextFact = { key: 'facts.lockout.longer', confidence: 'reported', sources: ['researchNotes'] };
