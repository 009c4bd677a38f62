import { describe, expect, it } from 'vitest';
import type { ProblemReport } from '../../domain/order';
import { attentionRemedy } from './order-problems';

const refused = (report: Partial<ProblemReport>): ProblemReport => ({ status: 400, problems: [], ...report });

describe('attentionRemedy: what a refused order offers', () => {
  it('a reused key means an order exists under it: neither a fix (a new key orders twice) nor a plain discard', () => {
    expect(attentionRemedy(refused({ status: 422, code: 'idempotency.keyReused' }))).toBe('orderExists');
    expect(attentionRemedy(refused({ status: 422, problems: [{ field: 'body', code: 'idempotency.keyReused' }] }))).toBe('orderExists');
  });

  it('the fix form only where every problem is in a field it offers (serial, e-mail)', () => {
    expect(attentionRemedy(refused({ problems: [{ field: 'serial', code: 'serial.tooShort' }] }))).toBe('fix');
    expect(attentionRemedy(refused({ problems: [{ field: 'serial', code: 'serial.new' }, { field: 'email', code: 'email.invalid' }] }))).toBe('fix');
    // Any problem the form cannot change would come back after every "fix": no loop.
    expect(attentionRemedy(refused({ problems: [{ field: 'serial', code: 'serial.tooShort' }, { field: 'locale', code: 'locale.invalid' }] }))).toBe('orderAgain');
    for (const field of ['locale', 'generation', 'caseLabel', 'extra', 'body']) {
      expect(attentionRemedy(refused({ problems: [{ field, code: `${field}.invalid` }] })), field).toBe('orderAgain');
    }
  });

  it('a body too large, another idempotency problem or a refusal without a field list: order again, no fix', () => {
    expect(attentionRemedy(refused({ status: 413 }))).toBe('orderAgain');
    expect(attentionRemedy(refused({ status: 413, problems: [{ field: 'serial', code: 'serial.tooLong' }] }))).toBe('orderAgain');
    expect(attentionRemedy(refused({ code: 'idempotency.keyInvalid' }))).toBe('orderAgain');
    expect(attentionRemedy(refused({ code: 'idempotency.keyMissing', problems: [{ field: 'serial', code: 'serial.tooShort' }] }))).toBe('orderAgain');
    expect(attentionRemedy(refused({ status: 422 }))).toBe('orderAgain');
  });

  it('a radio that takes no code: nothing to fix or order', () => {
    expect(attentionRemedy(refused({ status: 422, code: 'generation.vinBound', problems: [{ field: 'generation', code: 'generation.vinBound' }] }))).toBe('noCode');
  });
});
