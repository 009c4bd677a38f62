// Back from Stripe's hosted page (?paid=1 or ?payment=cancelled): says so once, asks the service at once, and tidies the address.
import { useEffect, useState } from 'preact/hooks';
import { sendOrdersNow } from '../order-sync';
import { useT } from '../hooks/use-t';

type Return = 'paid' | 'cancelled' | undefined;

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
    // The webhook usually lands before the redirect: one poll brings the code (or the paid state).
    if (found === 'paid') void sendOrdersNow();
  }, []);
  if (!returned) return null;
  return (
    <p class={`notice notice--${returned === 'paid' ? 'ok' : 'info'}`} role="status" data-testid="payment-return">
      {t(returned === 'paid' ? 'orderStatus.paymentReturned' : 'orderStatus.paymentCancelled')}
    </p>
  );
}
