// The states without a form: blank-display checks, workshop, not a code lock, dealer only, done.
import { BLANK_CHECKS } from '../../../domain/catalogue';
import { FactList } from '../fact-list';
import { useT } from '../../hooks/use-t';
import { DisplayAnswers } from './display-answers';
import { codeNeedDisputed } from './dispute-step';
import type { StepProps } from './step-props';

export function BlankChecksStep({ send }: StepProps) {
  const t = useT();
  return (
    <div>
      <FactList facts={BLANK_CHECKS} ordered />
      <div class="button-row">
        <button type="button" class="button" onClick={() => void send({ type: 'blankChecks.done' })}>
          {t('case.blankChecked')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => void send({ type: 'workshop.chosen' })}>
          {t('case.stillBlank')}
        </button>
      </div>
    </div>
  );
}

export function WorkshopStep({ radioCase, send }: StepProps) {
  const t = useT();
  return (
    <div>
      <h2>{t('case.displayChanged')}</h2>
      <DisplayAnswers onAnswer={(message) => void send({ type: 'display.reported', message, codeNeedDisputed: codeNeedDisputed(radioCase) })} />
    </div>
  );
}

export function DisplayStep({ radioCase, send }: StepProps) {
  return <DisplayAnswers onAnswer={(message) => void send({ type: 'display.reported', message, codeNeedDisputed: codeNeedDisputed(radioCase) })} />;
}
