// "Sources disagree about this radio": both sides, what the other side says to try first, and only then the wait or the order.
import { codeNeedDispute } from '../../../domain/catalogue';
import type { RadioCase } from '../../../domain/case';
import { CodeNeedDisputeNotice } from '../code-need-dispute';
import { useT } from '../../hooks/use-t';
import type { StepProps } from './step-props';

/** Whether the machine should stop to show a dispute before a SAFE wait or an order for this car. */
export function codeNeedDisputed(radioCase: RadioCase): boolean {
  return radioCase.generation !== null && codeNeedDispute(radioCase.generation) !== null;
}

export function CodeDisputeStep({ radioCase, send }: StepProps) {
  const t = useT();
  const state = radioCase.machine;
  if (state.value !== 'codeDispute' || radioCase.generation === null) return null;
  // A wait follows SAFE; an order follows CODE with no code at hand. Where the display itself answers the dispute,
  // there is nothing to have tried first.
  const reported = state.onward === 'safeWait' ? 'SAFE' : 'CODE';
  const answered = codeNeedDispute(radioCase.generation)?.askedForCodeKey !== undefined;
  const onwardKey = state.onward === 'safeWait' ? (answered ? 'case.disputeStartWaitPlain' : 'case.disputeStartWait') : answered ? 'case.disputeOrderPlain' : 'case.disputeOrder';
  return (
    <div>
      <CodeNeedDisputeNotice generation={radioCase.generation} reported={reported} />
      <button type="button" class="button button--block" onClick={() => void send({ type: 'dispute.understood' })}>
        {t(onwardKey)}
      </button>
    </div>
  );
}
