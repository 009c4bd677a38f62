// "Pay 9.90 EUR" for a sent order awaiting payment: opens Stripe's hosted page while online; offline it says payment waits, nothing is lost.
import { useState } from 'preact/hooks';
import { formatPrice, type Price } from '../../domain/price';
import type { SentEntry } from '../../storage/outbox-store';
import { startCheckout } from '../../sync/api-client';
import { sendOrdersNow } from '../order-sync';
import { useReachability } from '../hooks/use-online';
import { useLocale, useT } from '../hooks/use-t';

/** Where Stripe sends the customer back: the case the order belongs to, else the orders list. */
export function returnPathFor(entry: SentEntry): string {
  return entry.caseId ? `/case/${entry.caseId}` : '/orders';
}

export function PayButton({ entry, price }: { entry: SentEntry; price: Price }) {
  const t = useT();
  const locale = useLocale();
  const reachability = useReachability();
  const [state, setState] = useState<'idle' | 'opening' | 'failed' | 'paidAlready'>('idle');
  // Payment needs the network: the button only once a request got through, the note once one failed.
  if (reachability === 'unknown') return null;
  if (reachability === 'offline') {
    return (
      <p class="notice notice--info" data-testid="pay-offline">
        {t('orderStatus.payOffline')}
      </p>
    );
  }
  const pay = async () => {
    setState('opening');
    const outcome = await startCheckout({ fetch: (input, init) => fetch(input, init) }, entry.order.id, entry.order.token, returnPathFor(entry));
    if (outcome.kind === 'ok') {
      // A full navigation: the hosted page is Stripe's, and it brings the customer back to the case.
      location.assign(outcome.value.url);
      return;
    }
    // Paid meanwhile (on an earlier checkout, or in another tab): nothing to pay; ask for the new status now.
    if (outcome.kind === 'needsAttention' && (outcome.problem.code === 'order.paymentUnderWay' || outcome.problem.code === 'order.notAwaitingPayment')) {
      setState('paidAlready');
      void sendOrdersNow().catch(() => undefined);
      return;
    }
    setState('failed');
  };
  return (
    <div class="pay">
      <button type="button" class="button button--block" disabled={state === 'opening'} onClick={() => void pay()}>
        {t('orderStatus.pay', { price: formatPrice(price, locale) })}
      </button>
      {state === 'failed' ? (
        <p class="field__error" role="alert">
          {t('orderStatus.payFailed')}
        </p>
      ) : null}
      {state === 'paidAlready' ? (
        <p class="notice notice--info" role="status">
          {t('orderStatus.paidAlready')}
        </p>
      ) : null}
    </div>
  );
}
