// One order's state in words (waiting for signal, sending, received, code delivered, needs attention) with its actions.
import { useState } from 'preact/hooks';
import { groupSerial, validateOrderRequest, type FieldProblem } from '../../domain/order';
import { editAndRequeue, discardOrder, type OutboxEntry, type SentEntry } from '../../storage/outbox-store';
import { PayButton } from './pay-button';
import { formatDateTime } from '../../i18n/format';
import { sendOrdersNow, orderQueued } from '../order-sync';
import { useOnline } from '../hooks/use-online';
import { useLocale, useT } from '../hooks/use-t';
import { problemMessage } from './order-problems';
import { OrderNextSteps, OrderReferenceText } from './order-next-steps';

export type OrderPhase =
  | 'waitingForSignal'
  | 'sending'
  | 'received'
  | 'awaitingPayment'
  | 'paid'
  | 'paymentWithStaff'
  | 'delivered'
  | 'cancelled'
  | 'refunded'
  | 'needsAttention';

/** A sent order's phase from what the last poll said about payment (none: payment is off). */
function sentPhase(entry: SentEntry): OrderPhase {
  switch (entry.payment?.status) {
    case 'due':
      return 'awaitingPayment';
    case 'paid':
      return 'paid';
    case 'withStaff':
      return 'paymentWithStaff';
    default:
      return 'received';
  }
}

export function orderPhase(entry: OutboxEntry, online: boolean): OrderPhase {
  switch (entry.state) {
    case 'queued':
      return online ? 'sending' : 'waitingForSignal';
    case 'sending':
      return 'sending';
    case 'sent':
      return sentPhase(entry);
    case 'fulfilled':
      return 'delivered';
    case 'cancelled':
      return entry.refunded ? 'refunded' : 'cancelled';
    case 'needsAttention':
      return 'needsAttention';
  }
}

export function OrderStatus({ entry, showSerial = true }: { entry: OutboxEntry; showSerial?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const online = useOnline();
  const phase = orderPhase(entry, online);
  const [busy, setBusy] = useState(false);
  const tone = phase === 'delivered' ? 'ok' : phase === 'needsAttention' || phase === 'cancelled' ? 'danger' : 'info';
  return (
    <article class={`card order order--${phase}`} data-testid="order-status" data-phase={phase}>
      <p class={`notice notice--${tone}`} role="status">
        <strong>{t(`orderStatus.${phase}` as const)}</strong>
        {phase === 'waitingForSignal' || (phase === 'sending' && entry.lastError) ? <> — {t('orderStatus.retryNote')}</> : null}
      </p>
      {entry.state === 'sent' && entry.payment?.status === 'due' ? <PayButton entry={entry} price={entry.payment.price} /> : null}
      {entry.state === 'fulfilled' ? (
        <p class="code-display">
          <span class="muted">{t('orderStatus.code')}</span> <span class="display-word code-display__digits">{entry.code}</span>
        </p>
      ) : null}
      {entry.state === 'cancelled' && entry.reason ? <p>{t('orderStatus.cancelReason', { reason: entry.reason })}</p> : null}
      <dl class="order__facts">
        {showSerial ? (
          <>
            <dt>{t('orderForm.serial')}</dt>
            <dd class="serial-preview">{groupSerial(entry.request.serial)}</dd>
          </>
        ) : null}
        <dt>{t('orderForm.email')}</dt>
        <dd>{entry.request.email}</dd>
        <dt>{t('orderStatus.placed')}</dt>
        <dd>{formatDateTime(entry.createdAt, locale)}</dd>
        <dt>{t('orderStatus.reference')}</dt>
        <dd>
          <OrderReferenceText entry={entry} />
        </dd>
      </dl>
      {entry.state === 'queued' || entry.state === 'sending' || entry.state === 'sent' ? <OrderNextSteps /> : null}
      {entry.state === 'queued' || entry.state === 'sending' || entry.state === 'sent' ? (
        <button
          type="button"
          class="button button--quiet"
          disabled={busy || !online}
          onClick={async () => {
            setBusy(true);
            try {
              await sendOrdersNow();
            } finally {
              setBusy(false);
            }
          }}
        >
          {entry.state === 'sent' ? t('orderStatus.checkNow') : t('orderStatus.sendNow')}
        </button>
      ) : null}
      {entry.state === 'needsAttention' ? <FixOrder entry={entry} /> : null}
    </article>
  );
}

function FixOrder({ entry }: { entry: Extract<OutboxEntry, { state: 'needsAttention' }> }) {
  const t = useT();
  const [serial, setSerial] = useState(entry.request.serial);
  const [email, setEmail] = useState(entry.request.email);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const serverProblems = entry.problem.problems.length > 0 ? entry.problem.problems : [{ field: 'body', code: entry.problem.code ?? 'unknown' }];
  const blocking = serverProblems.some((p) => p.code === 'generation.vinBound');
  return (
    <div class="fix-order">
      <ul>
        {serverProblems.map((problem) => (
          <li key={`${problem.field}:${problem.code}`} class="field__error">
            {problemMessage(t, problem.code)}
          </li>
        ))}
      </ul>
      {blocking ? null : (
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            const result = validateOrderRequest({ ...entry.request, serial, email });
            if (!result.ok) {
              setProblems(result.problems);
              return;
            }
            await editAndRequeue(entry.key, result.value, Date.now());
            orderQueued();
          }}
        >
          <div class="field">
            <label for={`fix-serial-${entry.key}`}>{t('orderForm.serial')}</label>
            <input id={`fix-serial-${entry.key}`} value={serial} autoComplete="off" onInput={(e) => setSerial(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`fix-email-${entry.key}`}>{t('orderForm.email')}</label>
            <input id={`fix-email-${entry.key}`} type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          </div>
          {problems.map((problem) => (
            <p key={problem.code} class="field__error" role="alert">
              {problemMessage(t, problem.code)}
            </p>
          ))}
          <button type="submit" class="button">
            {t('orderStatus.resend')}
          </button>
        </form>
      )}
      <button type="button" class="button button--quiet" onClick={() => void discardOrder(entry.key, Date.now())}>
        {t('orderStatus.discard')}
      </button>
    </div>
  );
}
