// "Is the code right?": the code digit by digit, the serial it was made for with its look-alikes marked, and a re-order.
import { SERIAL_TIPS } from '../../domain/catalogue';
import { digitOutsideOneToSix } from '../../domain/entry-coach';
import { serialWithLookAlikes } from '../../domain/serial';
import { FactList } from './fact-list';
import { useT } from '../hooks/use-t';

export interface CodeCheckProps {
  code: string;
  /** The serial the code was ordered for, when the case knows it. */
  serial?: string;
  /** How often the radio refused this code (0 when the code is only suspect by its digits). */
  rejections: number;
  /** Back to the serial, to check it against the label and order; null while the radio is locked (the hour must pass first). */
  onReorder: (() => void) | null;
  /** This case ordered its code here before: the button then says "again". */
  ordered: boolean;
}

/** FACTS.md: most wrong codes come from a misread serial; the look-alike pairs to check. */
const CHECK_TIPS = SERIAL_TIPS.filter((fact) => fact.key === 'serialTips.typos' || fact.key === 'serialTips.lookAlikes');

export function CodeCheck({ code, serial, rejections, onReorder, ordered }: CodeCheckProps) {
  const t = useT();
  const outside = digitOutsideOneToSix(code);
  return (
    <section class="card code-check" aria-labelledby="code-check-title">
      <h3 id="code-check-title">{t('case.suspect.title')}</h3>
      {rejections > 0 ? <p class="code-check__refused">{t('case.suspectRejected', { count: rejections, code })}</p> : null}
      <p>{t('case.suspect.lead')}</p>
      <ReadBack code={code} flagged={outside?.position} />
      <FactList facts={CHECK_TIPS} />
      {serial ? (
        <>
          <p>{t('case.suspect.serial')}</p>
          <p class="serial-check">
            {serialWithLookAlikes(serial).map(({ char, lookAlike }, i) =>
              lookAlike ? (
                <mark key={i} class="serial-check__char serial-check__char--look-alike" title={t('case.suspect.lookAlike', { char, other: lookAlike })}>
                  {char}
                  <span class="visually-hidden"> {t('case.suspect.lookAlike', { char, other: lookAlike })}</span>
                </mark>
              ) : (
                <span key={i} class="serial-check__char">
                  {char}
                </span>
              ),
            )}
          </p>
        </>
      ) : (
        <p>{t('case.suspect.noSerial')}</p>
      )}
      {onReorder ? (
        <>
          <p class="muted">{t('case.suspect.reorderHint')}</p>
          <button type="button" class="button button--quiet button--block" onClick={onReorder}>
            {ordered ? t('case.suspect.reorder') : t('case.suspect.order')}
          </button>
        </>
      ) : (
        <p>{t('case.suspectAfterLockout')}</p>
      )}
    </section>
  );
}

/** The code as one box per digit, each named for screen readers; a digit outside 1–6 is marked. */
export function ReadBack({ code, flagged }: { code: string; flagged?: number }) {
  const t = useT();
  return (
    <ol class="read-back" aria-label={t('case.readBack')}>
      {[...code].map((digit, i) => (
        <li key={i} class={flagged === i + 1 ? 'read-back__digit read-back__digit--flagged' : 'read-back__digit'}>
          <span aria-hidden="true">{digit}</span>
          <span class="visually-hidden">{t('case.readBackDigit', { position: i + 1, digit })}</span>
        </li>
      ))}
    </ol>
  );
}
