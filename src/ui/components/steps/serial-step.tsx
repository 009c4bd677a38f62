// Where this generation's serial number is, tips against misreading it, and the field to type it in.
import { useState } from 'preact/hooks';
import { SERIAL_TIPS } from '../../../domain/catalogue';
import { checkSerial } from '../../../domain/order';
import { SerialField } from '../serial-field';
import { problemMessage } from '../order-problems';
import { FactList } from '../fact-list';
import { useT } from '../../hooks/use-t';
import { CodeInput } from './code-steps';
import { SerialMethods } from '../serial-methods';

export { SerialMethods };
import type { StepProps } from './step-props';

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
