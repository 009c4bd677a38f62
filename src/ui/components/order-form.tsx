// The order for a code: serial (normalised, grouped, look-alikes flagged) and e-mail, checked by the same schema as the server.
import { useState } from 'preact/hooks';
import type { OrderGeneration } from '../../domain/generations';
import { CASE_LABEL_MAX_LENGTH, validateOrderRequest, type FieldProblem, type OrderRequest } from '../../domain/order';
import { orderPlaced } from '../../domain/case-orders';
import { enqueueOrder } from '../../storage/outbox-store';
import { requestPersistentStorage } from '../persistent-storage';
import { orderQueued } from '../order-sync';
import { useLocale, useT } from '../hooks/use-t';
import { StorageErrorNotice } from './storage-error-notice';
import { problemMessage } from './order-problems';
import { SerialField } from './serial-field';
import { CodeCardHint, OrderNextSteps } from './order-next-steps';
import { PriceNote } from './price-note';

interface OrderFormProps {
  caseId: string;
  generation: OrderGeneration;
  serial: string;
  caseLabel: string;
  onQueued?: () => void;
}

export function OrderForm({ caseId, generation, serial: initialSerial, caseLabel, onQueued }: OrderFormProps) {
  const t = useT();
  const locale = useLocale();
  const [serial, setSerial] = useState(initialSerial);
  const [email, setEmail] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [storageError, setStorageError] = useState<unknown>(undefined);
  const problemFor = (field: string) => problems.find((p) => p.field === field);
  const serialProblem = problemFor('serial');
  const emailProblem = problemFor('email');

  const submit = async (event: Event) => {
    event.preventDefault();
    const input: Record<string, unknown> = { serial, email, generation, locale };
    if (caseLabel.trim()) input.caseLabel = caseLabel.slice(0, CASE_LABEL_MAX_LENGTH);
    const result = validateOrderRequest(input);
    if (!result.ok) {
      setProblems(result.problems);
      const first = result.problems[0]?.field;
      if (first === 'serial' || first === 'email') document.getElementById(`order-${first}`)?.focus();
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await enqueueOrder({ request: result.value satisfies OrderRequest, caseId, caseChange: orderPlaced, now: Date.now() });
      orderQueued();
      void requestPersistentStorage();
      onQueued?.();
    } catch (error) {
      setStorageError(error); // the typed serial and e-mail stay in the form
    } finally {
      setSaving(false);
    }
  };

  return (
    <form class="order-form" noValidate onSubmit={submit}>
      <CodeCardHint />
      <SerialField id="order-serial" value={serial} onInput={setSerial} problem={serialProblem ? problemMessage(t, serialProblem.code) : null} />
      <div class="field">
        <label for="order-email">{t('orderForm.email')}</label>
        <input
          id="order-email"
          type="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          aria-invalid={emailProblem ? 'true' : 'false'}
          aria-describedby="order-email-hint"
          onInput={(event) => setEmail(event.currentTarget.value)}
        />
        {emailProblem ? (
          <p id="order-email-hint" class="field__error" role="alert">
            {problemMessage(t, emailProblem.code)}
          </p>
        ) : (
          <p id="order-email-hint" class="field__hint">
            {t('orderForm.emailHint')}
          </p>
        )}
      </div>
      {problems
        .filter((p) => p.field !== 'serial' && p.field !== 'email')
        .map((p) => (
          <p key={p.code} class="field__error" role="alert">
            {problemMessage(t, p.code)}
          </p>
        ))}
      {storageError !== undefined ? <StorageErrorNotice error={storageError} /> : null}
      <PriceNote />
      <OrderNextSteps />
      <p class="muted">{t('orderForm.offlineNote')}</p>
      <button type="submit" class="button button--block" disabled={saving}>
        {t('orderForm.submit')}
      </button>
    </form>
  );
}
