// Turns a validation or server problem code (e.g. "serial.tooShort") into words from the locale files, and a refused order into what can help it.
import type { TFunction } from 'i18next';
import { SERIAL_MAX_LENGTH, SERIAL_MIN_LENGTH, EMAIL_MAX_LENGTH, reportsExistingOrder, type ProblemReport } from '../../domain/order';
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
  'body.tooLarge',
  'body.unknownField',
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

export function isKnownProblem(code: string | undefined): boolean {
  return code !== undefined && KNOWN.has(code);
}

/** The fields the fix form on a refused order lets the user change. */
const FIXABLE_FIELDS: ReadonlySet<string> = new Set(['serial', 'email']);

/** A 413 carries no field list: it is named as a problem of the body, so it reads like the others. */
const TOO_LARGE: ProblemReport['problems'][number] = { field: 'body', code: 'body.tooLarge' };

export type AttentionRemedy =
  /** Every problem is in a field the fix form offers: correct it and send again (under a new key: nothing was stored). */
  | 'fix'
  /**
   * The key already made an order on the server (422 idempotency.keyReused). A fix would send it under a
   * new key, a second order; removing it would lose the only link to the first. Support sorts it out.
   */
  | 'orderExists'
  /** The radio takes no code (VIN-bound): no order can help, removing it is all there is. */
  | 'noCode'
  /**
   * Nothing was stored, but nothing the fix form offers would change the answer (locale, generation, an
   * unknown field, a body too large, a key refused, no field list at all): sending it again would only
   * loop. Remove it and order again.
   */
  | 'orderAgain';

/** The problems a refused order is shown with: its field list, or the one problem its status or code names. */
export function attentionProblems(problem: ProblemReport): ProblemReport['problems'] {
  if (problem.status === 413) return [TOO_LARGE];
  if (problem.problems.length > 0) return problem.problems;
  return problem.code ? [{ field: 'body', code: problem.code }] : [];
}

/** What can help an order the server refused (400/413/422); the order screen offers only that. */
export function attentionRemedy(problem: ProblemReport): AttentionRemedy {
  if (reportsExistingOrder(problem)) return 'orderExists';
  const codes = [problem.code, ...problem.problems.map((p) => p.code)];
  if (codes.includes('generation.vinBound')) return 'noCode';
  if (problem.status === 413 || codes.some((code) => code?.startsWith('idempotency.'))) return 'orderAgain';
  const fixable = problem.problems.length > 0 && problem.problems.every((p) => FIXABLE_FIELDS.has(p.field));
  return fixable ? 'fix' : 'orderAgain';
}
