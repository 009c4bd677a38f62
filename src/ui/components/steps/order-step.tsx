// Ordering the code for this car, then waiting for it: the order's live state, and the way on when it arrives.
import { offersOrder } from '../../../domain/diagnosis-machine';
import { OrderForm } from '../order-form';
import { OrderStatus } from '../order-status';
import { useOrder } from '../../hooks/use-orders';
import { useT } from '../../hooks/use-t';
import { CodeInput } from './code-steps';
import type { StepProps } from './step-props';
import { useState } from 'preact/hooks';

export function OrderStep({ radioCase }: StepProps) {
  const t = useT();
  const generation = radioCase.unit ?? radioCase.generation;
  if (!offersOrder(radioCase) || !generation) return <p class="notice notice--warn">{t('case.noOrder')}</p>;
  return <OrderForm caseId={radioCase.id} generation={generation} serial={radioCase.serial ?? ''} caseLabel={radioCase.label} />;
}

export function AwaitingCodeStep({ radioCase, send }: StepProps) {
  const t = useT();
  const order = useOrder(radioCase.orderKey);
  const [typing, setTyping] = useState(false);
  return (
    <div>
      {order ? <OrderStatus entry={order} /> : null}
      {typing ? (
        <CodeInput initial="" autoFocus onCode={(code) => void send({ type: 'code.known', code })} />
      ) : (
        <button type="button" class="button button--quiet button--block" onClick={() => setTyping(true)}>
          {t('case.foundCodeAfterAll')}
        </button>
      )}
    </div>
  );
}
