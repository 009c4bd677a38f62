import { describe, expect, it } from 'vitest';
import { CancelReasonSchema, RadioCodeSchema, checkSerial, validateOrderRequest, withoutControlCharacters } from './order';
import * as v from 'valibot';

const valid = { serial: 'bp12-3456 7890 12', email: ' owner@example.com ', generation: 'r50-r53', locale: 'de' };

describe('validateOrderRequest', () => {
  it('normalises a valid request', () => {
    expect(validateOrderRequest(valid)).toEqual({ ok: true, value: { serial: 'BP123456789012', email: 'owner@example.com', generation: 'r50-r53', locale: 'de' } });
  });

  it('names a missing field "<field>.required", an extra one "body.unknownField", a non-object "body.type"', () => {
    const { locale: _omitted, ...withoutLocale } = valid;
    expect(validateOrderRequest({ ...withoutLocale, extra: 1 })).toEqual({
      ok: false,
      problems: [
        { field: 'locale', code: 'locale.required' },
        { field: 'extra', code: 'body.unknownField' },
      ],
    });
    expect(validateOrderRequest('text')).toEqual({ ok: false, problems: [{ field: 'body', code: 'body.type' }] });
    expect(validateOrderRequest(null)).toEqual({ ok: false, problems: [{ field: 'body', code: 'body.type' }] });
  });

  it('turns control characters in the case label into spaces (PostgreSQL cannot store NUL; the fuzz test found it)', () => {
    expect(validateOrderRequest({ ...valid, caseLabel: '\u0000Car\u0000\u0007 one\r\n\u0085' })).toMatchObject({ ok: true, value: { caseLabel: 'Car   one' } });
    expect(withoutControlCharacters('a\u001fb\u007fc\u009fd\u00a0e')).toBe('a b c d\u00a0e');
    // Bidi overrides and isolates, zero-width characters, BOM and soft hyphen vanish; line and paragraph separators become spaces.
    expect(withoutControlCharacters('car\u202eevil\u202c \u2066x\u2069')).toBe('carevil x');
    expect(withoutControlCharacters('a\u200bb\u200cc\u200dd\u2060e\ufeff\u00adf')).toBe('abcdef');
    expect(withoutControlCharacters('one\u2028two\u2029three')).toBe('one two three');
    expect(v.parse(CancelReasonSchema, ' dup\u0000licate ')).toBe('dup licate');
  });

  it('accepts a VIN-bound unit (the server refuses it with a reason, not as invalid)', () => {
    expect(validateOrderRequest({ ...valid, generation: 'f60-nbt-evo' }).ok).toBe(true);
  });
});

describe('staff schemas', () => {
  it('radio codes are 4 or 5 digits; reasons are trimmed and required', () => {
    expect(v.parse(RadioCodeSchema, ' 0123 ')).toBe('0123');
    expect(v.safeParse(RadioCodeSchema, '123').success).toBe(false);
    expect(v.parse(CancelReasonSchema, '  duplicate ')).toBe('duplicate');
    expect(v.safeParse(CancelReasonSchema, '   ').success).toBe(false);
  });
});

describe('checkSerial', () => {
  it('normalises a serial typed from a label and names the first problem otherwise', () => {
    expect(checkSerial(' bp12-3456 7890ab ')).toEqual({ ok: true, value: 'BP1234567890AB' });
    expect(checkSerial('')).toEqual({ ok: false, code: 'serial.required' });
    expect(checkSerial('AB12')).toEqual({ ok: false, code: 'serial.tooShort' });
    expect(checkSerial('AB12#45678')).toEqual({ ok: false, code: 'serial.characters' });
    expect(checkSerial('A'.repeat(21))).toEqual({ ok: false, code: 'serial.tooLong' });
  });
});
