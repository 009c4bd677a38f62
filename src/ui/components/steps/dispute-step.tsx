// "Sources disagree about this radio": both sides, what the other side says to try first, and only then the wait or the order.
import { SOURCES, codeNeedDispute } from '../../../domain/catalogue';
import type { RadioCase } from '../../../domain/case';
import { ConfidenceBadge } from '../fact-list';
import { useDomainT, useT } from '../../hooks/use-t';
import type { StepProps } from './step-props';

/** Whether the machine should stop to show a dispute before a SAFE wait or an order for this car. */
export function codeNeedDisputed(radioCase: RadioCase): boolean {
  return radioCase.generation !== null && codeNeedDispute(radioCase.generation) !== null;
}

export function CodeDisputeStep({ radioCase, send }: StepProps) {
  const t = useT();
  const dt = useDomainT();
  const state = radioCase.machine;
  if (state.value !== 'codeDispute' || radioCase.generation === null) return null;
  const dispute = codeNeedDispute(radioCase.generation);
  return (
    <div>
      {dispute ? (
        <section class="card dispute" aria-labelledby="dispute-title">
          <h2 id="dispute-title">
            {t('case.disputeTitle')} <ConfidenceBadge confidence="conflict" />
          </h2>
          <ul class="fact-list">
            <li>{dt(dispute.serviceKey, { ns: 'guide' })}</li>
            <li>{dt(dispute.otherKey, { ns: 'guide' })}</li>
          </ul>
          <h3>{t('case.disputeTryFirst')}</h3>
          <p>{dt(dispute.tryFirstKey, { ns: 'guide' })}</p>
          <p class="muted">{t('case.disputeSources', { list: dispute.sources.map((id) => SOURCES[id].name).join('; ') })}</p>
        </section>
      ) : null}
      <button type="button" class="button button--block" onClick={() => void send({ type: 'dispute.understood' })}>
        {state.onward === 'safeWait' ? t('case.disputeStartWait') : t('case.disputeOrder')}
      </button>
    </div>
  );
}
