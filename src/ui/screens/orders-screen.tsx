// The outbox and delivered codes: every order on this phone with its state, newest first.
import { OrderStatus } from '../components/order-status';
import { useOrders } from '../hooks/use-orders';
import { useCases } from '../hooks/use-cases';
import { useT } from '../hooks/use-t';
import { PaymentReturn } from '../components/payment-return';

export function OrdersScreen() {
  const t = useT();
  const orders = useOrders();
  // An order outlives a deleted car (it may be stored on the server, and its code still arrives here): no link to a car that is gone.
  const cases = useCases();
  const caseIds = new Set(cases.status === 'ready' ? cases.value.map((radioCase) => radioCase.id) : []);
  const sorted = orders ? [...orders].sort((a, b) => b.createdAt - a.createdAt) : [];
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('orders.title')}</h1>
      <PaymentReturn />
      {orders === undefined ? null : sorted.length === 0 ? (
        <p>{t('orders.empty')}</p>
      ) : (
        <ul class="order-list">
          {sorted.map((entry) => (
            <li key={entry.key}>
              {entry.request.caseLabel ? <h2 class="order-list__label">{entry.request.caseLabel}</h2> : null}
              <OrderStatus entry={entry} />
              {entry.caseId && caseIds.has(entry.caseId) ? (
                <a href={`/case/${entry.caseId}`} class="order-list__case">
                  {t('orders.openCase')}
                </a>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
