// Fulfilment for the order service's staff: type the admin token, see the queue with payment state, fulfil, cancel or refund; the code table; privacy facts.
import { useEffect, useState } from 'preact/hooks';
import type { AdminOrder } from '../../domain/order';
import { groupSerial, RadioCodeSchema, CancelReasonSchema } from '../../domain/order';
import * as v from 'valibot';
import { cancelOrder, fulfilOrder, listQueuedOrders, refundOrder, saveAdminToken, savedAdminToken } from '../admin-api';
import { formatPrice } from '../../domain/price';
import { AdminCodeTable } from '../components/admin-code-table';
import { AdminPrivacy } from '../components/admin-privacy';
import { formatDateTime } from '../../i18n/format';
import { useLocale, useT } from '../hooks/use-t';

type ListState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; orders: AdminOrder[] } | { status: 'error'; message: string };

export function AdminScreen() {
  const t = useT();
  const [token, setToken] = useState('');
  const [draft, setDraft] = useState('');
  const [list, setList] = useState<ListState>({ status: 'idle' });

  useEffect(() => setToken(savedAdminToken()), []);

  const load = async (withToken: string) => {
    setList({ status: 'loading' });
    const result = await listQueuedOrders(withToken);
    if (result.ok) setList({ status: 'ready', orders: result.value.orders });
    else if (result.status === 401 || result.status === 404) {
      saveAdminToken('');
      setToken('');
      setList({ status: 'error', message: t('admin.tokenRefused') });
    } else setList({ status: 'error', message: result.status === 0 ? t('admin.offline') : t('admin.failed', { status: result.status }) });
  };

  useEffect(() => {
    if (token) void load(token);
  }, [token]);

  if (!token) {
    return (
      <section class="screen">
        <h1 tabIndex={-1}>{t('admin.title')}</h1>
        {list.status === 'error' ? (
          <p class="notice notice--danger" role="alert">
            {list.message}
          </p>
        ) : null}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            const value = draft.trim();
            if (!value) return;
            saveAdminToken(value);
            setDraft('');
            setToken(value);
          }}
        >
          <div class="field">
            <label for="admin-token">{t('admin.token')}</label>
            <input id="admin-token" type="password" autoComplete="off" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
            <p class="field__hint">{t('admin.tokenHint')}</p>
          </div>
          <button type="submit" class="button">
            {t('admin.signIn')}
          </button>
        </form>
      </section>
    );
  }

  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('admin.title')}</h1>
      <div class="button-row">
        <button type="button" class="button button--small button--quiet" onClick={() => void load(token)}>
          {t('admin.refresh')}
        </button>
        <button
          type="button"
          class="button button--small button--quiet"
          onClick={() => {
            saveAdminToken('');
            setToken('');
            setList({ status: 'idle' });
          }}
        >
          {t('admin.signOut')}
        </button>
      </div>
      {list.status === 'error' ? (
        <p class="notice notice--danger" role="alert">
          {list.message}
        </p>
      ) : null}
      {list.status === 'ready' && list.orders.length === 0 ? <p>{t('admin.empty')}</p> : null}
      {list.status === 'ready' ? (
        <ul class="order-list" data-testid="admin-orders">
          {list.orders.map((order) => (
            <li key={order.id}>
              <AdminOrderCard order={order} token={token} onDone={() => void load(token)} />
            </li>
          ))}
        </ul>
      ) : null}
      {list.status === 'ready' ? (
        <>
          <AdminCodeTable token={token} />
          <AdminPrivacy token={token} />
        </>
      ) : null}
    </section>
  );
}

/** The payment line of a queued order: none (payment off), paid with the amount, or why staff must look. */
function PaymentFact({ order }: { order: AdminOrder }) {
  const t = useT();
  const locale = useLocale();
  if (!order.price && !order.paid) return null;
  let text: string;
  if (order.paymentFlag) text = t(`admin.paymentFlag.${order.paymentFlag}` as const, { amount: order.paid ? formatPrice(order.paid, locale) : '' });
  else if (order.paid) text = t('admin.paymentPaid', { amount: formatPrice(order.paid, locale) });
  else text = t('admin.paymentDue');
  return (
    <>
      <dt>{t('admin.payment')}</dt>
      <dd data-testid="admin-payment">{text}</dd>
    </>
  );
}

function AdminOrderCard({ order, token, onDone }: { order: AdminOrder; token: string; onDone: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const codeId = `code-${order.id}`;
  const reasonId = `reason-${order.id}`;
  // Money was taken: the way out is a refund (the customer gets it back and sees the reason), never a plain cancel.
  const refundable = order.paid !== undefined;

  return (
    <article class="card" data-testid="admin-order">
      <dl class="order__facts">
        <dt>{t('orderForm.serial')}</dt>
        <dd class="serial-preview">{groupSerial(order.serial)}</dd>
        <dt>{t('orderForm.email')}</dt>
        <dd>{order.email}</dd>
        <dt>{t('admin.generation')}</dt>
        <dd>{order.generation}</dd>
        {order.caseLabel ? (
          <>
            <dt>{t('admin.label')}</dt>
            <dd>{order.caseLabel}</dd>
          </>
        ) : null}
        <dt>{t('orderStatus.placed')}</dt>
        <dd>{formatDateTime(Date.parse(order.createdAt), locale)}</dd>
        <PaymentFact order={order} />
      </dl>
      <form
        class="admin-action"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!v.is(RadioCodeSchema, code)) return setError(t('admin.codeInvalid'));
          const result = await fulfilOrder(token, order.id, code.trim());
          if (result.ok) onDone();
          else setError(result.detail ?? t('admin.failed', { status: result.status }));
        }}
      >
        <div class="field">
          <label for={codeId}>{t('admin.code')}</label>
          <input id={codeId} inputMode="numeric" autoComplete="off" value={code} onInput={(e) => setCode(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button--small">
          {t('admin.fulfil')}
        </button>
      </form>
      <form
        class="admin-action"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!v.is(CancelReasonSchema, reason)) return setError(t('admin.reasonRequired'));
          const result = refundable ? await refundOrder(token, order.id, reason.trim()) : await cancelOrder(token, order.id, reason.trim());
          if (result.ok) onDone();
          else setError(result.detail ?? t('admin.failed', { status: result.status }));
        }}
      >
        <div class="field">
          <label for={reasonId}>{t(refundable ? 'admin.refundReason' : 'admin.reason')}</label>
          <input id={reasonId} value={reason} maxLength={500} onInput={(e) => setReason(e.currentTarget.value)} />
        </div>
        <button type="submit" class="button button--small button--danger">
          {t(refundable ? 'admin.refund' : 'admin.cancel')}
        </button>
      </form>
      {error ? (
        <p class="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </article>
  );
}
