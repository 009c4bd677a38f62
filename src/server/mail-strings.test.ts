import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../domain/order';
import { composeCodeMail, MAIL_STRINGS } from './mail-strings';

describe('code mail', () => {
  it.each(SUPPORTED_LOCALES)('%s: has every string, and carries code and serial in text and HTML', (locale) => {
    const strings = MAIL_STRINGS[locale];
    for (const value of Object.values(strings)) expect(value.trim().length).toBeGreaterThan(0);
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
