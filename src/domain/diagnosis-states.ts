// The diagnosis machine's vocabulary: limits, states, events, effects and the i18n keys of each screen (no transitions here).
import type { GenerationId, VinBoundUnitId } from './generations';

// The radio's limits live in limits.ts, which the catalogue reads without loading the machine.
export { ATTEMPT_LIMIT, LOCKOUT_MS, SAFE_WAIT_MS } from './limits';
/** Still locked after the hour: some users report 90 minutes in all (FACTS.md, reported), so wait half an hour more. */
export const LOCKOUT_EXTENSION_MS = 30 * 60 * 1000;

/** What the radio shows, in the radio's own words; `blank` = nothing, `normal` = it plays. */
export const DISPLAY_MESSAGES = ['SAFE', 'CODE', '1000', 'WAIT', 'CODE WAIT', 'DISABLED', 'blank', 'normal'] as const;
export type DisplayMessage = (typeof DISPLAY_MESSAGES)[number];
/** Messages that mean "too many wrong codes". */
export const LOCKOUT_MESSAGES: readonly DisplayMessage[] = ['1000', 'WAIT', 'CODE WAIT'];

export const STATE_NAMES = [
  'identify',
  'display',
  'codeDispute',
  'safeWait',
  'haveCode',
  'findSerial',
  'order',
  'awaitingCode',
  'enterCode',
  'codeSuspect',
  'lockout',
  'blankChecks',
  'workshop',
  'notCodeLock',
  'dealer',
  'done',
] as const;
export type StateName = (typeof STATE_NAMES)[number];

/** Nothing left to do: left only by `restart`, or by `display.recheck` where the user tapped the wrong answer. */
export const TERMINAL_STATES: readonly StateName[] = ['done', 'dealer', 'notCodeLock'];

export interface Timer {
  kind: 'safeWait' | 'lockout';
  startedAt: number;
  endsAt: number;
}

/** Facts about the car and the radio's counter, kept across states (JSON-safe: null, not undefined). */
export interface DiagnosisContext {
  generation: GenerationId | null;
  /** Set only for a VIN-bound head unit (late F60 NBT EVO). */
  unit: VinBoundUnitId | null;
  /** Rejected codes since the last lockout ended (the radio's counter, as far as we know). */
  attempts: number;
  /** The code the user will enter, when known (typed in or delivered). */
  code: string | null;
  serial: string | null;
  orderKey: string | null;
  /**
   * Every code the radio rejected, in order, one entry per rejection (never cleared: it is the
   * case's history, and what makes a code suspect). Absent in states saved before it existed:
   * read it through `rejectionsOf`.
   */
  rejectedCodes?: readonly string[];
  /** When this state was entered (ms since epoch); 0 for a state made without a clock. */
  since: number;
}

/** What the user was about to do when the machine stopped to show that sources disagree. */
export type DisputedStep = 'safeWait' | 'findSerial';

export type DiagnosisState =
  | (DiagnosisContext & { value: 'identify' })
  | (DiagnosisContext & { value: 'display' })
  /** Sources disagree whether this unit takes a code at all: said before a SAFE wait or an order. */
  | (DiagnosisContext & { value: 'codeDispute'; onward: DisputedStep })
  /** `over`: the hour has passed; the screen asks what the radio shows now. */
  | (DiagnosisContext & { value: 'safeWait'; timer: Timer; over: boolean })
  | (DiagnosisContext & { value: 'haveCode' })
  | (DiagnosisContext & { value: 'findSerial' })
  | (DiagnosisContext & { value: 'order' })
  | (DiagnosisContext & { value: 'awaitingCode' })
  /** `lastAttempt`: the next wrong code starts the hour-long lockout. */
  | (DiagnosisContext & { value: 'enterCode'; attemptsLeft: number; lastAttempt: boolean })
  /** CODE is back after a lockout, and the code the app holds was rejected before: ask before trying it again. */
  | (DiagnosisContext & { value: 'codeSuspect' })
  /**
   * `cause`: 'display' = the user reported a lockout message (may be a mis-tap: `display.recheck`
   * undoes it); 'attempts' = codes the radio rejected (its own counter: the app cannot lift it).
   * `over`: the countdown ended; the screen asks whether CODE is back (absent = false in old states).
   */
  | (DiagnosisContext & { value: 'lockout'; timer: Timer; cause: 'attempts' | 'display'; over?: boolean })
  | (DiagnosisContext & { value: 'blankChecks' })
  | (DiagnosisContext & { value: 'workshop' })
  | (DiagnosisContext & { value: 'notCodeLock' })
  | (DiagnosisContext & { value: 'dealer' })
  | (DiagnosisContext & { value: 'done' });

export type StateOf<N extends StateName> = Extract<DiagnosisState, { value: N }>;

export type DiagnosisEvent =
  /** `model`: the model code (R56, F55…) when the owner's answers named exactly one; kept on the case, not by the machine. */
  | { type: 'generation.chosen'; generation: GenerationId; unit?: VinBoundUnitId | null; model?: string }
  /**
   * `codeNeedDisputed`: the catalogue says sources disagree whether this generation takes a code;
   * a SAFE answer then stops at `codeDispute` before the wait starts.
   */
  | { type: 'display.reported'; message: DisplayMessage; codeNeedDisputed?: boolean }
  /** "What does the radio show?" again, from any step: history (attempts, code, serial, order) is kept. */
  | { type: 'display.recheck' }
  /** The user read why sources disagree and goes on with the step they chose. */
  | { type: 'dispute.understood' }
  /** In haveCode (or later, when the user finds the code card): the code may be given now or typed later. */
  | { type: 'code.known'; code?: string }
  /** `codeNeedDisputed`: as for display.reported; "No, I need the code" stops at `codeDispute` first. */
  | { type: 'code.unknown'; codeNeedDisputed?: boolean }
  /** Try a code that was rejected before once more (asked in `codeSuspect`). */
  | { type: 'code.retry' }
  /** The code looks wrong: go back to the serial to check it and order again. */
  | { type: 'serial.recheck' }
  | { type: 'serial.entered'; serial: string }
  /** The order was written to the outbox under this idempotency key. */
  | { type: 'order.placed'; orderKey: string }
  | { type: 'code.delivered'; code: string }
  | { type: 'code.accepted' }
  /** `display`: what the radio showed after the wrong code, if it went straight to a lockout message. */
  | { type: 'code.rejected'; display?: DisplayMessage }
  | { type: 'timer.elapsed' }
  /** After the SAFE hour ran out: start another hour. */
  | { type: 'wait.continued' }
  | { type: 'blankChecks.done' }
  | { type: 'workshop.chosen' }
  | { type: 'restart' };

export type NotifyReason = 'safeWait.over' | 'lockout.over';

/**
 * What the outside world must do after a transition. Only these two have a consumer: the page and
 * the service worker show a notice for `notify`; `timer.cleared` tells a scheduler that a reminder
 * it may hold is no longer wanted (case-timers re-arms from the state, so it needs no more).
 */
export type Effect =
  /** The countdown is no longer needed (left early): cancel its reminder. */
  | { type: 'timer.cleared'; timer: Timer }
  /** Tell the user now (the countdown ended). */
  | { type: 'notify'; reason: NotifyReason };

export interface TransitionResult {
  state: DiagnosisState;
  effects: Effect[];
}

/** i18n keys (relative to the `guide` namespace) for each state's screen. */
export const STATE_KEYS: Readonly<Record<StateName, { title: string; body: string }>> = Object.fromEntries(
  STATE_NAMES.map((name) => [name, { title: `machine.${name}.title`, body: `machine.${name}.body` }]),
) as Record<StateName, { title: string; body: string }>;

/** Shown instead of STATE_KEYS.safeWait once the hour ran out: it asks, it does not assume. */
export const SAFE_WAIT_OVER_KEYS = { title: 'machine.safeWait.over.title', body: 'machine.safeWait.over.body' } as const;
/** Shown instead of STATE_KEYS.lockout once the hour ran out: is CODE back? */
export const LOCKOUT_OVER_KEYS = { title: 'machine.lockout.over.title', body: 'machine.lockout.over.body' } as const;
/** A lockout still showing after its hour gets half an hour more (FACTS.md: some owners report 90 minutes): said as such, not as another hour. */
export const LOCKOUT_EXTENSION_KEYS = { title: 'machine.lockout.extended.title', body: 'machine.lockout.extended.body' } as const;
/** ...and when that half hour ran out. */
export const LOCKOUT_EXTENSION_OVER_KEYS = { title: 'machine.lockout.extended.over.title', body: 'machine.lockout.over.body' } as const;
/** A radio that worked all along: no code to keep. */
export const DONE_WITHOUT_CODE_KEYS = { title: 'machine.done.title', body: 'machine.done.noCodeBody' } as const;

export const NOTIFY_KEYS: Readonly<Record<NotifyReason, { title: string; body: string }>> = {
  'safeWait.over': { title: 'notify.safeWaitOver.title', body: 'notify.safeWaitOver.body' },
  'lockout.over': { title: 'notify.lockoutOver.title', body: 'notify.lockoutOver.body' },
};

/** Plural key (`_one`/`_other`) with `{{count}}`: "2 attempts left". */
export const ATTEMPTS_LEFT_KEY = 'machine.enterCode.attemptsLeft';
export const LAST_ATTEMPT_KEY = 'machine.enterCode.lastAttempt';
