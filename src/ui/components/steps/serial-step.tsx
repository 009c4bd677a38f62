// Where this generation's serial number is, tips against misreading it, and the field to type it in.
import { useState } from 'preact/hooks';
import { SERIAL_TIPS, generationEntry } from '../../../domain/catalogue';
import { findLookAlikes, groupSerial, normaliseSerial, SERIAL_MAX_LENGTH, SERIAL_MIN_LENGTH } from '../../../domain/order';
import { ConfidenceBadge, FactList } from '../fact-list';
import { useDomainT, useT } from '../../hooks/use-t';
import { CodeInput } from './code-steps';
import type { StepProps } from './step-props';

export function SerialMethods({ generation }: { generation: Parameters<typeof generationEntry>[0] }) {
  const dt = useDomainT();
  return (
    <>
      {generationEntry(generation).serial.map((method) => (
        <section key={method.id} class="card">
          <h3>
            {dt(method.titleKey, { ns: 'guide' })} <ConfidenceBadge confidence={method.confidence} />
          </h3>
          <ol>
            {method.stepKeys.map((key) => (
              <li key={key}>{dt(key, { ns: 'guide' })}</li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

export function FindSerialStep({ radioCase, send }: StepProps) {
  const t = useT();
  const [value, setValue] = useState(radioCase.serial ?? '');
  const [error, setError] = useState<string | null>(null);
  const [foundCode, setFoundCode] = useState(false);
  const serial = normaliseSerial(value);
  const lookAlikes = findLookAlikes(serial);

  if (foundCode) return <CodeInput initial="" autoFocus onCode={(code) => void send({ type: 'code.known', code })} />;

  return (
    <div>
      {radioCase.generation ? <SerialMethods generation={radioCase.generation} /> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (serial.length < SERIAL_MIN_LENGTH || serial.length > SERIAL_MAX_LENGTH || !/^[A-Z0-9]+$/.test(serial)) {
            setError(t('orderForm.errors.serial.format', { min: SERIAL_MIN_LENGTH, max: SERIAL_MAX_LENGTH }));
            return;
          }
          void send({ type: 'serial.entered', serial });
        }}
      >
        <div class="field">
          <label for="serial">{t('orderForm.serial')}</label>
          <input
            id="serial"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            value={value}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby="serial-check"
            onInput={(event) => {
              setValue(event.currentTarget.value);
              setError(null);
            }}
          />
          <div id="serial-check" aria-live="polite">
            {serial ? (
              <p class="field__hint">
                {t('orderForm.serialGrouped')} <span class="serial-preview">{groupSerial(serial)}</span>
              </p>
            ) : null}
            {lookAlikes.length > 0 ? <p class="notice notice--warn">{t('orderForm.lookAlikes', { letters: lookAlikes.join(', ') })}</p> : null}
            {error ? (
              <p class="field__error" role="alert">
                {error}
              </p>
            ) : null}
          </div>
        </div>
        <button type="submit" class="button button--block">
          {t('case.serialContinue')}
        </button>
      </form>
      <h2>{t('case.serialTipsTitle')}</h2>
      <FactList facts={SERIAL_TIPS} />
      <button type="button" class="button button--quiet button--block" onClick={() => setFoundCode(true)}>
        {t('case.foundCodeAfterAll')}
      </button>
    </div>
  );
}
