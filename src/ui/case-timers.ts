// Ends countdowns on time: checks at start and when the page is visible again, plus one timer per case at its stored end time.
import { activeTimer, dueCaseEvents, type RadioCase } from '../domain/case';
import { NOTIFY_KEYS, type Effect } from '../domain/diagnosis-machine';
import { singleFlight } from '../domain/single-flight';
import { i18n } from '../i18n/i18n';
import { applyCaseEvent, listCases, subscribeCases } from '../storage/cases-store';
import { getSetting } from '../storage/settings-store';
import { showNotification } from './notifications';

/** setTimeout's ceiling; a longer wait is simply re-armed by the next sweep. */
const MAX_TIMER_MS = 2_147_483_647;
const handles = new Map<string, ReturnType<typeof setTimeout>>();

async function announce(radioCase: RadioCase, effects: readonly Effect[]): Promise<void> {
  if (!effects.some((effect) => effect.type === 'notify')) return;
  // Switched off in Settings: no notice, even where the browser still allows them (the case screen shows the end).
  if ((await getSetting('notifications')) === 'declined') return;
  for (const effect of effects) {
    if (effect.type !== 'notify') continue;
    const keys = NOTIFY_KEYS[effect.reason];
    const title = i18n.t('notifications.caseTitle', { label: radioCase.label, title: i18n.t(keys.title as never, { ns: 'guide' }) });
    await showNotification(title, i18n.t(keys.body as never, { ns: 'guide' }), `case-${radioCase.id}`, `/case/${radioCase.id}`);
  }
}

function schedule(cases: readonly RadioCase[], now: number): void {
  for (const handle of handles.values()) clearTimeout(handle);
  handles.clear();
  for (const radioCase of cases) {
    const timer = activeTimer(radioCase);
    if (!timer || timer.endsAt <= now) continue;
    handles.set(radioCase.id, setTimeout(() => void sweep(), Math.min(timer.endsAt - now + 50, MAX_TIMER_MS)));
  }
}

async function sweepOnce(): Promise<void> {
  const now = Date.now();
  const cases = await listCases();
  const current: RadioCase[] = [];
  for (let radioCase of cases) {
    for (const event of dueCaseEvents(radioCase, now)) {
      const result = await applyCaseEvent(radioCase.id, event, now);
      if (!result) continue;
      if (result.changed) await announce(result.case, result.effects);
      radioCase = result.case;
    }
    current.push(radioCase);
  }
  schedule(current, Date.now());
}

const sweeps = singleFlight(() =>
  sweepOnce().catch((error: unknown) => console.warn('countdown check failed:', error instanceof Error ? error.message : error)),
);

/** One sweep at a time; a request during a sweep runs one more afterwards. */
export function sweep(): Promise<void> {
  return sweeps.run(undefined);
}

/**
 * A frozen or sleeping page's timers fire late or never: whenever the page comes back (visible again,
 * restored from the back/forward cache, resumed after a freeze) it ends what is due from the stored
 * endsAt at once. The end is one case transition, so a notice is shown once, by whichever context
 * (page, other tab) made the transition; a second sweep finds nothing due.
 */
export function startCaseTimers(): void {
  void sweep();
  subscribeCases(() => void sweep());
  const catchUp = () => {
    if (document.visibilityState === 'visible') void sweep();
  };
  document.addEventListener('visibilitychange', catchUp);
  document.addEventListener('resume', catchUp);
  addEventListener('pageshow', catchUp);
}
