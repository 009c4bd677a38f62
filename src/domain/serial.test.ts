// Serial numbers: normalisation, look-alikes, and the maker told from the format (Blaupunkt's 14 characters enforced).
import { describe, expect, it } from 'vitest';
import { validateOrderRequest } from './order';
import { blaupunktDealerPart, brokenSerialFormat, checkSerial, groupSerial, serialMaker, serialWithLookAlikes } from './serial';

describe('maker from the format', () => {
  it('recognises a Blaupunkt serial: BP and twelve more characters (BMW bulletin example)', () => {
    expect(serialMaker('BP8272W1483692')?.maker).toBe('blaupunkt');
    expect(serialMaker('bp 8272-w148 3692')?.maker).toBe('blaupunkt');
  });

  it('recognises an Alpine serial: A and eight or nine digits (BMW SI B 65 05 99)', () => {
    expect(serialMaker('A50223456')?.maker).toBe('alpine');
    expect(serialMaker('A502234567')?.maker).toBe('alpine');
    expect(serialMaker('A5022345678')).toBeNull();
  });

  it('names no maker where no source lets us tell', () => {
    expect(serialMaker('CL1234567')).toBeNull();
    expect(serialMaker('29971826')).toBeNull();
  });

  it('flags a serial that starts like a Blaupunkt one but has the wrong length', () => {
    expect(brokenSerialFormat('BP8272W14836920000')?.maker).toBe('blaupunkt');
    expect(brokenSerialFormat('BP8272W1483692')).toBeNull();
    // Alpine's length is not enforced: the source is about older BMWs, a refusal could block a real order.
    expect(brokenSerialFormat('A123')).toBeNull();
  });
});

describe('checkSerial and the order schema share the rule', () => {
  it('refuses an 18-character "Blaupunkt" serial with its own message, in the form and on the server', () => {
    expect(checkSerial('BP8272W14836920000')).toEqual({ ok: false, code: 'serial.blaupunktLength' });
    expect(checkSerial('BP82')).toEqual({ ok: false, code: 'serial.blaupunktLength' });
    const order = validateOrderRequest({ serial: 'BP8272W14836920000', email: 'a@example.com', generation: 'r55-r59', locale: 'en' });
    expect(order).toEqual({ ok: false, problems: [{ field: 'serial', code: 'serial.blaupunktLength' }] });
  });

  it('accepts a 14-character Blaupunkt serial and others as before', () => {
    expect(checkSerial('BP 8272 W148 3692')).toEqual({ ok: true, value: 'BP8272W1483692' });
    expect(checkSerial('A50223456')).toEqual({ ok: true, value: 'A50223456' });
    expect(checkSerial('CL12345678901234567')).toEqual({ ok: true, value: 'CL12345678901234567' });
  });
});

describe('reading a serial back', () => {
  it('groups by four and marks each look-alike with the character it is confused with', () => {
    expect(groupSerial('bp8272w1483692')).toBe('BP82 72W1 4836 92');
    expect(serialWithLookAlikes('B0-7')).toEqual([
      { char: 'B', lookAlike: '8' },
      { char: '0', lookAlike: 'O' },
      { char: '7', lookAlike: null },
    ]);
  });

  it('takes the last 8 of a 14-character Blaupunkt serial', () => {
    expect(blaupunktDealerPart('BP 1234-5678 90AB')).toBe('567890AB');
    expect(blaupunktDealerPart('BP12345')).toBeNull();
  });
});
