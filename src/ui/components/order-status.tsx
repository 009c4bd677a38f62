// One order's state in words (waiting for signal, sending, retrying, received, code delivered, needs attention), each failed try with its next, and its actions.
import { useRef, useState } from 'preact/hooks';
import { groupSerial, validateOrderRequest, type FieldProblem } from '../../domain/order';
import { editAndRequeue, discardOrder, getOrder, type OutboxEntry, type SentEntry } from '../../storage/outbox-store';
import { DEFAULT_TIMEOUT_MS } from '../../sync/api-client';
import type { Reachability } from '../../sync/connectivity';
import { PayButton } from './pay-button';
import { formatClockTime, formatDateTime } from '../../i18n/format';
import { sendOrdersNow, orderQueued } from '../order-sync';
import { useReachability } from '../hooks/use-online';
import { useLocale, useT } from '../hooks/use-t';
import { attentionProblems, attentionRemedy, isKnownProblem, problemMessage } from './order-problems';
import { StorageErrorNotice } from './storage-error-notice';
import { OrderNextSteps, OrderReferenceText } from './order-next-steps';

export type OrderPhase =
  | 'waitingForSignal'
  | 'sending'
  | 'retrying'
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

/** `reachability` is the page's judgement from what requests did, never navigator.onLine alone. */
export function orderPhase(entry: OutboxEntry, reachability: Reachability): OrderPhase {
  switch (entry.state) {
    case 'queued':
      if (reachability === 'offline') return 'waitingForSignal';
      // A failed attempt waits for its retry time: saying "Sending…" then would be untrue.
      return entry.lastError ? 'retrying' : 'sending';
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

const FAILURES = ['network', 'timeout', 'server', 'conflict', 'rateLimited', 'badResponse', 'unexpected', 'gone'] as const;
type Failure = (typeof FAILURES)[number];

/** What went wrong, in words; stored errors from other app versions read as "unexpected". */
export function failureKey(error: string): `orderStatus.failure.${Failure}` {
  const known = (FAILURES as readonly string[]).includes(error) ? (error as Failure) : 'unexpected';
  return `orderStatus.failure.${known}`;
}

export function OrderStatus({ entry, showSerial = true }: { entry: OutboxEntry; showSerial?: boolean }) {
  const t = useT();
  const locale = useLocale();
  const reachability = useReachability();
  const phase = orderPhase(entry, reachability);
  const [busy, setBusy] = useState(false);
  /** The entry's updatedAt when the last press finished: its answer is shown until the entry moves on. */
  const [answeredAt, setAnsweredAt] = useState<number | undefined>(undefined);
  const tone = phase === 'delivered' ? 'ok' : phase === 'needsAttention' || phase === 'cancelled' ? 'danger' : 'info';
  const clock = (at: number) => formatClockTime(at, locale);
  const pending = entry.state === 'queued' || entry.state === 'sending';
  const reason = (error: string) => t(failureKey(error), { seconds: Math.round(DEFAULT_TIMEOUT_MS / 1000) });
  const pressAnswered = answeredAt !== undefined && answeredAt === entry.updatedAt;
  /** When a queued order goes next: a time only if it is later than now; due already, it waits only for signal. */
  const nextTry = (at: number) =>
    phase !== 'waitingForSignal'
      ? t('orderStatus.nextTry', { time: clock(at) })
      : at > Date.now()
        ? t('orderStatus.nextTryOnSignal', { time: clock(at) })
        : t('orderStatus.nextTryWhenSignal');
  return (
    <article class={`card order order--${phase}`} data-testid="order-status" data-phase={phase}>
      <p class={`notice notice--${tone}`} role="status">
        <strong>{t(`orderStatus.${phase}` as const)}</strong>
        {phase === 'waitingForSignal' && !entry.lastError ? <> — {t('orderStatus.retryNote')}</> : null}
      </p>
      {entry.state === 'sent' && entry.payment?.status === 'due' ? <PayButton entry={entry} price={entry.payment.price} /> : null}
      {pending && entry.lastError ? (
        <p class="order__attempt" data-testid="order-attempt" role="status">
          {t('orderStatus.lastTry', { time: clock(entry.updatedAt), reason: reason(entry.lastError) })}{' '}
          {entry.state === 'queued' ? nextTry(entry.nextAttemptAt) : null}
        </p>
      ) : null}
      {entry.state === 'sent' && entry.pollError ? (
        <p class="order__attempt" data-testid="order-attempt" role="status">
          {t('orderStatus.checkFailed', { time: clock(entry.lastPolledAt ?? entry.updatedAt), reason: reason(entry.pollError) })}
        </p>
      ) : null}
      {pressAnswered && (pending || entry.state === 'sent') ? (
        <p class="order__press" data-testid="send-now-result" role="status">
          {t(entry.state === 'sent' ? 'orderStatus.checkedJustNow' : 'orderStatus.triedJustNow')}
        </p>
      ) : null}
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
      {pending || entry.state === 'sent' ? <OrderNextSteps /> : null}
      {pending || entry.state === 'sent' ? (
        <button
          type="button"
          class="button button--quiet"
          // aria-disabled, not disabled: the button keeps focus while its press is under way.
          aria-disabled={busy}
          aria-busy={busy}
          onClick={async () => {
            if (busy) return;
            setBusy(true);
            setAnsweredAt(undefined);
            try {
              await sendOrdersNow();
            } catch (error) {
              // Storage trouble: the order is still on the device; the timer tries again.
              console.warn('send now failed:', error instanceof Error ? error.message : error);
            } finally {
              setBusy(false);
              const latest = await getOrder(entry.key).catch(() => undefined);
              setAnsweredAt(latest?.updatedAt);
            }
          }}
        >
          {busy
            ? t(entry.state === 'sent' ? 'orderStatus.checking' : 'orderStatus.sending')
            : t(entry.state === 'sent' ? 'orderStatus.checkNow' : 'orderStatus.sendNow')}
        </button>
      ) : null}
      {entry.state === 'needsAttention' ? <RefusedOrder entry={entry} /> : null}
    </article>
  );
}

/** A refused order: what was refused, and only the actions that can help it (see attentionRemedy). */
function RefusedOrder({ entry }: { entry: Extract<OutboxEntry, { state: 'needsAttention' }> }) {
  const t = useT();
  const remedy = attentionRemedy(entry.problem);
  const [serial, setSerial] = useState(entry.request.serial);
  const [email, setEmail] = useState(entry.request.email);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [storageError, setStorageError] = useState<unknown>(undefined);
  // A ref as well as state: a second press before the re-render must already find the first one running.
  const running = useRef(false);
  // Unknown codes read "check the serial and e-mail": true only where the fix form offers those fields.
  const shown = attentionProblems(entry.problem).filter((problem) => remedy === 'fix' || isKnownProblem(problem.code));

  /** One storage call at a time; a failure stays on screen (the order is still stored as it was). */
  const run = async (action: () => Promise<unknown>) => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setStorageError(undefined);
    try {
      await action();
    } catch (error) {
      // Another tab fixed or removed this order meanwhile: the live list already shows where it is now.
      if (!(error instanceof Error && error.name === 'OutboxStateError')) setStorageError(error);
    } finally {
      running.current = false;
      setBusy(false);
    }
  };

  return (
    <div class="fix-order">
      {remedy === 'orderExists' ? <p class="field__error">{t('orderStatus.attention.orderExists')}</p> : null}
      {shown.length > 0 ? (
        <ul>
          {shown.map((problem) => (
            <li key={`${problem.field}:${problem.code}`} class="field__error">
              {problemMessage(t, problem.code)}
            </li>
          ))}
        </ul>
      ) : null}
      {remedy === 'orderAgain' ? <p>{t('orderStatus.attention.orderAgain')}</p> : null}
      {remedy === 'fix' ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const result = validateOrderRequest({ ...entry.request, serial, email });
            if (!result.ok) {
              setProblems(result.problems);
              return;
            }
            void run(async () => {
              await editAndRequeue(entry.key, result.value, Date.now());
              orderQueued();
            });
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
          <button type="submit" class="button" disabled={busy}>
            {t('orderStatus.resend')}
          </button>
        </form>
      ) : null}
      {storageError !== undefined ? <StorageErrorNotice error={storageError} /> : null}
      {/* A reused key's order exists on the server: this entry is the device's only link to it, so it stays. */}
      {remedy === 'orderExists' ? null : (
        <button type="button" class="button button--quiet" disabled={busy} onClick={() => void run(() => discardOrder(entry.key, Date.now()))}>
          {t('orderStatus.discard')}
        </button>
      )}
    </div>
  );
}

