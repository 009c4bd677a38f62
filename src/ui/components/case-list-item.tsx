// One car in the workshop list: label, generation, where it stands, and its live countdown.
import { activeTimer, timeLeft, type RadioCase } from '../../domain/case';
import { countdownEnded, screenKeysOf } from '../../domain/diagnosis-machine';
import { generationEntry } from '../../domain/catalogue';
import { formatClockTime, formatCountdown } from '../../i18n/format';
import { useDomainT, useLocale, useT } from '../hooks/use-t';

export function CaseListItem({ radioCase, now }: { radioCase: RadioCase; now: number }) {
  const t = useT();
  const dt = useDomainT();
  const locale = useLocale();
  const timer = activeTimer(radioCase);
  const state = radioCase.machine;
  // A countdown that ran out has no timer any more, but it needs attention just the same (said in words, not only by colour).
  const due = (timer !== null && timeLeft(timer, now) === 0) || countdownEnded(state);
  const generation = radioCase.generation ? dt(generationEntry(radioCase.generation).nameKey, { ns: 'guide' }) : t('cases.generationUnknown');
  return (
    <li class={`case-item${due ? ' case-item--due' : ''}`}>
      <a href={`/case/${radioCase.id}`} class="case-item__link">
        <span class="case-item__label">{radioCase.label || t('cases.unnamed')}</span>
        <span class="case-item__meta">
          {generation} · {dt(screenKeysOf(state).title, { ns: 'guide' })}
        </span>
        {timer && !due ? (
          <span class="case-item__timer">
            <span class="display-word">{formatCountdown(timeLeft(timer, now))}</span>{' '}
            {t('cases.readyAt', { time: formatClockTime(timer.endsAt, locale) })}
          </span>
        ) : null}
        {due ? <span class="case-item__timer case-item__timer--due">{t('cases.timerOver')}</span> : null}
        {radioCase.deliveredCode ? <span class="case-item__timer">{t('cases.codeOnDevice')}</span> : null}
      </a>
    </li>
  );
}
