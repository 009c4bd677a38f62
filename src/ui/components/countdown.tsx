// A countdown computed from its stored end time (never from a running timer): time left and the clock time it ends.
import { timeLeft } from '../../domain/case';
import type { Timer } from '../../domain/diagnosis-machine';
import { formatClockTime, formatCountdown, formatMinutes } from '../../i18n/format';
import { useNow } from '../hooks/use-now';
import { useLocale, useT } from '../hooks/use-t';

export function Countdown({ timer, label }: { timer: Timer; label: string }) {
  const t = useT();
  const locale = useLocale();
  const now = useNow(true);
  const left = timeLeft(timer, now);
  const over = left === 0;
  return (
    <section class={`countdown${over ? ' countdown--done' : ''}`} aria-label={label} data-testid="countdown">
      <p class="countdown__label">{label}</p>
      <p class="countdown__time" aria-hidden="true">
        {formatCountdown(left)}
      </p>
      {/* Screen readers hear minutes (updated once a minute), not every second. */}
      <p class="visually-hidden" aria-live="polite">
        {over ? t('countdown.over') : t('countdown.left', { minutes: formatMinutes(left, locale) })}
      </p>
      <p class="countdown__ends">
        {over ? t('countdown.over') : t('countdown.readyAt', { time: formatClockTime(timer.endsAt, locale) })}
      </p>
    </section>
  );
}
