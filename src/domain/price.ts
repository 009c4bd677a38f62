// The order price: parsed from ORDER_PRICE ("9.90 EUR") into minor units, checked on the way in and shown per locale.

/** An amount in the currency's minor unit (cents), as Stripe counts it, with the ISO 4217 code in upper case. */
export interface Price {
  amount: number;
  currency: string;
}

/** Decimal places of a currency (2 for EUR, 0 for JPY), from the platform's ISO 4217 data. */
export function currencyExponent(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Stripe refuses amounts above this (8 digits in the minor unit). */
const MAX_MINOR_AMOUNT = 99_999_999;

/**
 * "9.90 EUR" → { amount: 990, currency: 'EUR' }. A clear reason instead of a guess: a price typed
 * with a comma, too many decimals or an unknown currency is refused.
 */
export function parsePrice(raw: string): { ok: true; value: Price } | { ok: false; reason: string } {
  const match = /^\s*(\d{1,8})(?:\.(\d{1,3}))?\s+([A-Za-z]{3})\s*$/.exec(raw);
  if (!match) return { ok: false, reason: 'expected an amount and an ISO currency code, like "9.90 EUR"' };
  const [, whole = '', fraction = '', code = ''] = match;
  const currency = code.toUpperCase();
  if (!isKnownCurrency(currency)) return { ok: false, reason: `"${currency}" is not an ISO 4217 currency code` };
  const exponent = currencyExponent(currency);
  if (fraction.length > exponent) return { ok: false, reason: `${currency} has ${exponent} decimal places` };
  const amount = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  if (amount < 1 || amount > MAX_MINOR_AMOUNT) return { ok: false, reason: 'the amount must be above zero and below 1,000,000' };
  return { ok: true, value: { amount, currency } };
}

function isKnownCurrency(currency: string): boolean {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('currency').includes(currency) : /^[A-Z]{3}$/.test(currency);
}

export function isPrice(value: unknown): value is Price {
  if (typeof value !== 'object' || value === null) return false;
  const { amount, currency } = value as Record<string, unknown>;
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency);
}

export function samePrice(a: Price, b: Price): boolean {
  return a.amount === b.amount && a.currency === b.currency;
}

/** "9,90 €" in German, "€9.90" in English: the platform's currency formatting for the locale. */
export function formatPrice(price: Price, locale: string): string {
  const exponent = currencyExponent(price.currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency: price.currency }).format(price.amount / 10 ** exponent);
}
