// The way back to "what does the radio show?" from any step: the case keeps its tries, code, serial and order.
import { can } from '../../../domain/diagnosis-machine';
import { useT } from '../../hooks/use-t';
import type { StepProps } from './step-props';

export function WayBack({ radioCase, send, label }: StepProps & { label?: string }) {
  const t = useT();
  if (!can(radioCase.machine, { type: 'display.recheck' })) return null;
  return (
    <p class="way-back no-print">
      <button type="button" class="button button--quiet button--block" onClick={() => void send({ type: 'display.recheck' })}>
        {label ?? t('case.recheckDisplay')}
      </button>
      <span class="muted">{t('case.recheckKeeps')}</span>
    </p>
  );
}
