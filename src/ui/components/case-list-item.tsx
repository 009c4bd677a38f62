// One car in the workshop list: what tells it apart (label, model), what it needs now, and its time.
import { activeTimer, attentionOf, carModelLabel, needsHandNow, timeLeft, type AttentionKind, type RadioCase } from '../../domain/case';
import { screenKeysOf } from '../../domain/diagnosis-machine';
import { formatClockTime, formatCountdown } from '../../i18n/format';
import { useDomainT, useLocale, useT } from '../hooks/use-t';

/** Kinds said in the list's own words; the rest show the step the case is on. */
const ATTENTION_TEXT_KEYS: Partial<Record<AttentionKind, 'cases.timerOver' | 'cases.lockoutOver' | 'cases.codeArrived'>> = {
  timeUp: 'cases.timerOver',
  lockoutOver: 'cases.lockoutOver',
  codeArrived: 'cases.codeArrived',
};

export function CaseListItem({ radioCase, now }: { radioCase: RadioCase; now: number }) {
  const t = useT();
  const dt = useDomainT();
  const locale = useLocale();
  const { kind, at } = attentionOf(radioCase, now);
  const state = radioCase.machine;
  const timer = activeTimer(radioCase);
  const model = carModelLabel(radioCase);
  const due = needsHandNow(kind);
  const stepTitle = dt(screenKeysOf(state).title, { ns: 'guide' });
  const textKey = ATTENTION_TEXT_KEYS[kind];
  const status = textKey ? t(textKey) : stepTitle;
  const modifier = due ? ' case-item--due' : kind === 'codeArrived' ? ' case-item--ready' : '';
  return (
    <li class={`case-item${modifier}`} data-attention={kind}>
      <a href={`/case/${radioCase.id}`} class="case-item__link">
        <span class="case-item__head">
          <span class="case-item__label">{radioCase.label || t('cases.unnamed')}</span>
          <span class={`case-item__model${model ? ' display-word' : ''}`}>{model ?? t('cases.generationUnknown')}</span>
        </span>
        {/* Said in words, not only by colour. */}
        <span class={`case-item__status${due ? ' case-item__status--due' : ''}`}>{status}</span>
        {kind === 'waiting' && timer ? (
          <span class="case-item__time">
            <span class="display-word">{formatCountdown(timeLeft(timer, now))}</span> · {t('cases.readyAt', { time: formatClockTime(timer.endsAt, locale) })}
          </span>
        ) : null}
        {due ? <span class="case-item__time">{t('cases.endedAt', { time: formatClockTime(at, locale) })}</span> : null}
        {radioCase.deliveredCode && kind !== 'codeArrived' ? <span class="case-item__time">{t('cases.codeOnDevice')}</span> : null}
      </a>
    </li>
  );
}
