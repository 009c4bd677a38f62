// Turns a validation or server problem code (e.g. "serial.tooShort") into words from the locale files.
import type { TFunction } from 'i18next';
import { SERIAL_MAX_LENGTH, SERIAL_MIN_LENGTH, EMAIL_MAX_LENGTH } from '../../domain/order';
import { BLAUPUNKT_SERIAL_LENGTH } from '../../domain/serial';

const KNOWN = new Set([
  'serial.required',
  'serial.characters',
  'serial.tooShort',
  'serial.tooLong',
  'serial.blaupunktLength',
  'serial.type',
  'email.required',
  'email.invalid',
  'email.tooLong',
  'email.localPartTooLong',
  'email.type',
  'generation.invalid',
  'generation.vinBound',
  'locale.invalid',
  'caseLabel.tooLong',
  // Code-table rows (admin import)
  'code.format',
  'serial.conflict',
  'row.columns',
  'file.tooManyRows',
]);

export function problemMessage(t: TFunction, code: string | undefined): string {
  const params = { min: SERIAL_MIN_LENGTH, max: SERIAL_MAX_LENGTH, emailMax: EMAIL_MAX_LENGTH, blaupunkt: BLAUPUNKT_SERIAL_LENGTH };
  if (code && KNOWN.has(code)) return t(`orderForm.errors.${code}` as never, params as never) as unknown as string;
  return t('orderForm.errors.unknown');
}
