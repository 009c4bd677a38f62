// The serial number field: read back in groups of four, look-alike characters flagged, the problem named.
import { findLookAlikes, groupSerial, normaliseSerial } from '../../domain/order';
import { useT } from '../hooks/use-t';

interface SerialFieldProps {
  id: string;
  value: string;
  onInput: (value: string) => void;
  /** The problem in words, when there is one. */
  problem?: string | null;
}

export function SerialField({ id, value, onInput, problem }: SerialFieldProps) {
  const t = useT();
  const normalised = normaliseSerial(value);
  const lookAlikes = findLookAlikes(normalised);
  return (
    <div class="field">
      <label for={id}>{t('orderForm.serial')}</label>
      <input
        id={id}
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        value={value}
        aria-invalid={problem ? 'true' : 'false'}
        aria-describedby={`${id}-check`}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <div id={`${id}-check`} aria-live="polite">
        {normalised ? (
          <p class="field__hint">
            {t('orderForm.serialGrouped')} <span class="serial-preview">{groupSerial(normalised)}</span>
          </p>
        ) : null}
        {lookAlikes.length > 0 ? <p class="notice notice--warn">{t('orderForm.lookAlikes', { letters: lookAlikes.join(', ') })}</p> : null}
        {problem ? (
          <p class="field__error" role="alert">
            {problem}
          </p>
        ) : null}
      </div>
    </div>
  );
}
