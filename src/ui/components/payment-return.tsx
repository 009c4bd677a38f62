// Back from Stripe's hosted page (?paid=1 or ?payment=cancelled): says so once, asks the service at once, and tidies the address.
import { useEffect, useState } from 'preact/hooks';
import { sendOrdersNow } from '../order-sync';
import { useT } from '../hooks/use-t';

type Return = 'paid' | 'cancelled' | undefined;

/** When to ask the service after coming back paid: at once, then while the webhook may still be on its way. */
const PAID_RECHECKS_MS = [0, 2_000, 5_000, 10_000, 15_000];

function readReturn(): Return {
  const query = new URLSearchParams(location.search);
  if (query.get('paid') === '1') return 'paid';
  if (query.get('payment') === 'cancelled') return 'cancelled';
  return undefined;
}

export function PaymentReturn() {
  const t = useT();
  const [returned, setReturned] = useState<Return>(undefined);
  useEffect(() => {
    const found = readReturn();
    if (!found) return;
    setReturned(found);
    // Without the query a reload shows the case as it is, not the notice again.
    history.replaceState(history.state, '', location.pathname);
    if (found !== 'paid') return;
    // The webhook usually lands before the redirect, but not always: ask at once, then a few more times over the
    // next quarter minute (the regular poll is a minute apart), so the paid state or the code shows without waiting.
    const timers = PAID_RECHECKS_MS.map((delay) => setTimeout(() => void sendOrdersNow(), delay));
    return () => timers.forEach(clearTimeout);
  }, []);
  if (!returned) return null;
  return (
    <p class={`notice notice--${returned === 'paid' ? 'ok' : 'info'}`} role="status" data-testid="payment-return">
      {t(returned === 'paid' ? 'orderStatus.paymentReturned' : 'orderStatus.paymentCancelled')}
    </p>
  );
}
