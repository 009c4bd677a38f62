// The serial number field: read back in groups of four, look-alike characters flagged, the maker told from the format, the problem named.
import { SERIAL_MIN_LENGTH, brokenSerialFormat, findLookAlikes, groupSerial, normaliseSerial, serialMaker } from '../../domain/serial';
import { Badged } from './fact-list';
import { useDomainT, useLocale, useT } from '../hooks/use-t';

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
        {/* A wrong length is the problem itself once the form says so: named once, not twice. */}
        {normalised && !(problem && brokenSerialFormat(normalised)) ? <SerialMakerHint serial={normalised} /> : null}
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

/** The maker the format points to (a cited source knows it), or a prefix whose length is wrong, as the user types. */
function SerialMakerHint({ serial }: { serial: string }) {
  const t = useT();
  const dt = useDomainT();
  const locale = useLocale();
  const broken = brokenSerialFormat(serial);
  const maker = serialMaker(serial);
  if (broken) {
    const length = broken.lengths[0] ?? 0;
    return (
      <p class="field__hint">
        <Badged text={t('orderForm.serialMakerBroken', { maker: dt(broken.nameKey, { ns: 'guide' }), length, count: serial.length })} confidence={broken.confidence} />
      </p>
    );
  }
  if (maker) {
    const lengths = new Intl.ListFormat(locale, { type: 'disjunction' }).format(maker.lengths.map(String));
    return (
      <p class="field__hint serial-maker" data-maker={maker.maker}>
        <Badged text={t('orderForm.serialMaker', { maker: dt(maker.nameKey, { ns: 'guide' }), lengths })} confidence={maker.confidence} />
      </p>
    );
  }
  return serial.length >= SERIAL_MIN_LENGTH ? <p class="field__hint">{t('orderForm.serialMakerUnknown')}</p> : null;
}

