// Print a case (clean printable page via print CSS) or share its instructions and button sequence (Web Share API).
import type { RadioCase } from '../../domain/case';
import { generationEntry, primaryEntryStyle } from '../../domain/catalogue';
import { STATE_KEYS } from '../../domain/diagnosis-machine';
import { coachCode } from '../../domain/entry-coach';
import { useDomainT, useT } from '../hooks/use-t';

/** Printed under the case (hidden on screen): the button presses for a known code, whatever step the car is at. */
export function PrintedSteps({ radioCase }: { radioCase: RadioCase }) {
  const t = useT();
  const dt = useDomainT();
  const code = radioCase.machine.code ?? radioCase.deliveredCode;
  if (!code || !radioCase.generation || radioCase.machine.value === 'enterCode') return null;
  const result = coachCode(code, primaryEntryStyle(radioCase.generation));
  if (!result.ok) return null;
  return (
    <section class="print-only">
      <h2>{t('share.steps')}</h2>
      <ol>
        {result.steps.map((step) => (
          <li key={step.id}>{dt(step.key, { ns: 'guide', ...step.params })}</li>
        ))}
      </ol>
    </section>
  );
}

export function ShareCase({ radioCase }: { radioCase: RadioCase }) {
  const t = useT();
  const dt = useDomainT();
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';

  const summary = (): string => {
    const lines = [radioCase.label];
    if (radioCase.generation) lines.push(dt(generationEntry(radioCase.generation).nameKey, { ns: 'guide' }));
    const keys = STATE_KEYS[radioCase.machine.value];
    lines.push('', dt(keys.title, { ns: 'guide' }), dt(keys.body, { ns: 'guide' }));
    const code = radioCase.machine.code ?? radioCase.deliveredCode;
    if (code && radioCase.generation) {
      const result = coachCode(code, primaryEntryStyle(radioCase.generation));
      if (result.ok) {
        lines.push('', t('share.steps'));
        result.steps.forEach((step, index) => lines.push(`${index + 1}. ${dt(step.key, { ns: 'guide', ...step.params })}`));
      }
    }
    return lines.join('\n');
  };

  return (
    <>
      <button type="button" class="button button--quiet" onClick={() => window.print()}>
        {t('share.print')}
      </button>
      {canShare ? (
        <button
          type="button"
          class="button button--quiet"
          onClick={() => void navigator.share({ title: radioCase.label, text: summary() }).catch(() => undefined)}
        >
          {t('share.share')}
        </button>
      ) : null}
    </>
  );
}
