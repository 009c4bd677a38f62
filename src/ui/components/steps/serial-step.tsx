// Where this generation's serial number is, tips against misreading it, and the field to type it in.
import { useState } from 'preact/hooks';
import { SERIAL_TIPS, generationEntry } from '../../../domain/catalogue';
import { checkSerial } from '../../../domain/order';
import { SerialField } from '../serial-field';
import { problemMessage } from '../order-problems';
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

  if (foundCode) return <CodeInput initial="" autoFocus onCode={(code) => void send({ type: 'code.known', code })} />;

  return (
    <div>
      {radioCase.generation ? <SerialMethods generation={radioCase.generation} /> : null}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const checked = checkSerial(value);
          if (!checked.ok) {
            setError(problemMessage(t, checked.code));
            return;
          }
          void send({ type: 'serial.entered', serial: checked.value });
        }}
      >
        <SerialField
          id="serial"
          value={value}
          problem={error}
          onInput={(next) => {
            setValue(next);
            setError(null);
          }}
        />
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
