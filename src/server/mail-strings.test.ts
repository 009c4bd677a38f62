import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../domain/order';
import { composeCodeMail, composeRefundMail, MAIL_STRINGS, orderReference } from './mail-strings';

describe('code mail', () => {
  it.each(SUPPORTED_LOCALES)('%s: has every string, and carries code and serial in text and HTML', (locale) => {
    const strings = MAIL_STRINGS[locale];
    const texts: string[] = Object.values(strings).flatMap((v: string | Record<string, string>) => (typeof v === 'string' ? [v] : Object.values(v)));
    for (const value of texts) expect(value.trim().length).toBeGreaterThan(0);
    expect(strings.intro).toContain('{serial}');
    expect(strings.car).toContain('{label}');
    const mail = composeCodeMail({ locale, serial: 'BP123456789012', code: '0815', caseLabel: 'Bay 3' });
    expect(mail.subject).toBe(strings.subject);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('0815');
      expect(body).toContain('BP12 3456 7890');
      expect(body).toContain('Bay 3');
      expect(body).not.toMatch(/\{\w+\}/);
    }
    expect(mail.html).toContain(`lang="${locale}"`);
  });

  it('escapes the case label in HTML and leaves out the car line without one', () => {
    const mail = composeCodeMail({ locale: 'en', serial: 'BP123456789012', code: '1234', caseLabel: '<script>x</script>' });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&#60;script&#62;');
    expect(composeCodeMail({ locale: 'en', serial: 'BP123456789012', code: '1234' }).text).not.toContain('Car:');
  });
});

describe('receipt-style code mail and refund mail', () => {
  const orderId = 'abcdEFGH1234567890abcd';

  it.each(SUPPORTED_LOCALES)('%s: reference, amount paid, code and the entry steps for the generation', (locale) => {
    const strings = MAIL_STRINGS[locale];
    const mail = composeCodeMail({ locale, serial: 'BP1234567890', code: '0815', orderId, generation: 'f55-f57', paid: { amount: 990, currency: 'EUR' } });
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(orderReference(orderId));
      expect(body).toMatch(/9[.,]90/);
      expect(body).toContain('0815');
      expect(body).not.toMatch(/\{\w+\}/);
    }
    expect(mail.text).toContain(strings.entry.controller);
    expect(composeCodeMail({ locale, serial: 'BP1234567890', code: '0815', generation: 'r55-r59' }).text).toContain(strings.entry.presetsHold);
  });

  it.each(SUPPORTED_LOCALES)('%s: the refund mail names the order, the amount and the reason', (locale) => {
    const mail = composeRefundMail({ locale, orderId, paid: { amount: 990, currency: 'EUR' }, reason: 'No code <on file>' });
    expect(mail.subject).toBe(MAIL_STRINGS[locale].refundSubject);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(orderReference(orderId));
      expect(body).toMatch(/9[.,]90/);
      expect(body).not.toMatch(/\{\w+\}/);
    }
    expect(mail.text).toContain('No code <on file>');
    expect(mail.html).toContain('No code &#60;on file&#62;');
  });
});
