// CODE is back after a lockout, and the code in hand was refused before: try it again, another code, or check the serial and re-order.
import { useState } from 'preact/hooks';
import { timesRejected } from '../../../domain/diagnosis-machine';
import { useT } from '../../hooks/use-t';
import { CodeInput } from './code-steps';
import { CodeCheck } from '../code-check';
import type { StepProps } from './step-props';

/** CODE is back after a lockout and the code in hand was refused before: the user decides, the app does not. */
export function CodeSuspectStep({ radioCase, send }: StepProps) {
  const t = useT();
  const [typing, setTyping] = useState(false);
  const state = radioCase.machine;
  if (state.value !== 'codeSuspect' || state.code === null) return null;
  const code = state.code;
  return (
    <div>
      <CodeCheck ordered={state.orderKey !== null} code={code} rejections={timesRejected(state, code)} onReorder={() => void send({ type: 'serial.recheck' })} {...(state.serial ? { serial: state.serial } : {})} />
      {typing ? (
        <CodeInput initial="" autoFocus submitLabel={t('case.codeSave')} onCode={(next) => void send(next === code ? { type: 'code.retry' } : { type: 'code.known', code: next })} />
      ) : (
        <div class="button-row">
          <button type="button" class="button button--quiet" onClick={() => setTyping(true)}>
            {t('case.suspectOtherCode')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => void send({ type: 'code.retry' })}>
            {t('case.suspectRetry', { code })}
          </button>
        </div>
      )}
    </div>
  );
}
