// Around an order: look for the code card first, what happens after ordering, and the reference to quote.
import { orderReference } from '../../domain/order-reference';
import type { OutboxEntry } from '../../storage/outbox-store';
import { useT } from '../hooks/use-t';

/** Second-hand cars often come without the code card (FACTS.md pain points; repairpal.com: look in the handbook first), so this is a hint, not a promise. */
export function CodeCardHint() {
  const t = useT();
  return <p class="notice notice--info">{t('orderForm.walletHint')}</p>;
}

/** Who sends the code and how long it usually takes; worded to be true whether staff or the code table answer. */
export function OrderNextSteps() {
  const t = useT();
  return (
    <div class="next-steps" data-testid="order-next-steps">
      <p class="next-steps__title">{t('orderForm.nextTitle')}</p>
      <ul>
        <li>{t('orderForm.nextWho')}</li>
        <li>{t('orderForm.nextWhen')}</li>
        <li>{t('orderForm.nextReference')}</li>
      </ul>
    </div>
  );
}

/** The short reference: the service's once it has the order, this phone's until then (said so). */
export function OrderReferenceText({ entry }: { entry: OutboxEntry }) {
  const t = useT();
  const reference = orderReference({ key: entry.key, serverId: 'order' in entry ? entry.order.id : undefined });
  return (
    <>
      <span class="display-word" data-testid="order-reference">
        {reference.text}
      </span>
      {reference.local ? <span class="muted"> ({t('orderStatus.referenceLocal')})</span> : null}
    </>
  );
}
