// A refused code made suspect: how often the radio refused it, why that usually happens, and the way to check the serial and re-order.
import { SERIAL_TIPS } from '../../../domain/catalogue';
import { FactLine } from '../fact-list';
import { useT } from '../../hooks/use-t';

/** Most wrong codes come from a misread serial (FACTS.md § Serial numbers, reported). */
const MISREAD_SERIAL = SERIAL_TIPS.filter((tip) => tip.key === 'serialTips.typos' || tip.key === 'serialTips.lookAlikes');

export interface CodeSuspicionProps {
  code: string;
  /** The serial the code was ordered for, if the case knows it. */
  serial: string | null;
  /** How many times the radio refused this code. */
  rejections: number;
  /** Back to the serial, to check it against the label and order again; null while the radio is locked (the app waits the hour out). */
  onReorder: (() => void) | null;
}

/**
 * The facts that make a refused code suspect, and the re-order button. The coach's digit-by-digit
 * look-alike view (guide area) takes the same props and sits inside this panel.
 */
export function CodeSuspicion({ code, serial, rejections, onReorder }: CodeSuspicionProps) {
  const t = useT();
  return (
    <section class="notice notice--warn code-suspicion" aria-labelledby="suspicion-title">
      <h2 id="suspicion-title" class="notice__title">
        {t('case.suspectRejected', { count: rejections, code })}
      </h2>
      <ul class="fact-list">
        {MISREAD_SERIAL.map((fact) => (
          <li key={fact.key}>
            <FactLine fact={fact} />
          </li>
        ))}
      </ul>
      {serial ? (
        <p>
          {t('case.suspectSerial')} <span class="display-word">{serial}</span>
        </p>
      ) : null}
      {onReorder ? (
        <button type="button" class="button button--quiet button--block" onClick={onReorder}>
          {t('case.suspectCheckSerial')}
        </button>
      ) : (
        <p>{t('case.suspectAfterLockout')}</p>
      )}
    </section>
  );
}
