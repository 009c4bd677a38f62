import { describe, expect, it } from 'vitest';
import { orderReference } from './order-reference';

describe('orderReference', () => {
  it('shortens the service id once the order is sent', () => {
    expect(orderReference({ key: '0f8e4c2a-1b2c-4d5e-8f90-123456789abc', serverId: 'q-Z3x_9kTtRmW2v8pLs0aA' })).toEqual({ text: 'QZ3X-9KTT', local: false });
  });

  it('uses the device key (UUID) before the service has answered', () => {
    expect(orderReference({ key: '0f8e4c2a-1b2c-4d5e-8f90-123456789abc' })).toEqual({ text: '0F8E-4C2A', local: true });
  });

  it('changes when the order is acknowledged, so the two references are never confused', () => {
    const key = '7d1c9a00-0000-4000-8000-000000000000';
    expect(orderReference({ key }).text).not.toBe(orderReference({ key, serverId: 'Hk2mPq81aa' }).text);
  });
});
