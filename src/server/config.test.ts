import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig } from './config';

function messageOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    return String(error);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', dataDir: '/srv/app/data', distDir: '/srv/app/dist', trustProxyHops: 0, shutdownDelayMs: 0, mailLeaseMs: 300_000 });
    expect(config.serverSecret).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
    expect(config.adminToken).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '3000',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/orders',
        DATABASE_URL: 'postgres://u:p@db:5432/orders?sslmode=verify-full',
        ADMIN_TOKEN: 'a-long-enough-admin-token',
        SMTP_URL: 'smtps://user:pw@mail.example.com:465',
        MAIL_FROM: 'MINI radio code <codes@example.com>',
        TRUST_PROXY: '2',
        SERVER_SECRET: 'a-server-secret-of-at-least-32-characters',
        SHUTDOWN_DELAY_SECONDS: '5',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/var/lib/orders',
      databaseUrl: 'postgres://u:p@db:5432/orders?sslmode=verify-full',
      adminToken: 'a-long-enough-admin-token',
      smtpUrl: 'smtps://user:pw@mail.example.com:465',
      mailFrom: 'MINI radio code <codes@example.com>',
      trustProxyHops: 2,
      serverSecret: 'a-server-secret-of-at-least-32-characters',
      shutdownDelayMs: 5_000,
    });
  });

  it('TRUST_PROXY is a number of hops; true and false still mean 1 and 0', () => {
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxyHops).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '3' }).trustProxyHops).toBe(3);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'False' }).trustProxyHops).toBe(0);
  });

  it('PostgreSQL without TLS only on this machine or when sslmode=disable says so', () => {
    for (const url of [
      'postgres://u:p@localhost/orders',
      'postgres://u:p@127.0.0.1:5432/orders',
      'postgres://u:p@[::1]:5432/orders',
      'postgres:///orders?host=/var/run/postgresql',
      'postgres://u:p@db.internal/orders?sslmode=disable',
      'postgres://u:p@db.example.com/orders?sslmode=require',
      'postgres://u:p@db.example.com/orders?sslmode=verify-ca',
    ]) {
      expect(loadConfig({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ ADMIN_TOKEN: '', PORT: ' ', DATABASE_URL: '' }).adminToken).toBeUndefined();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: '-1' }, /PORT/],
    [{ TRUST_PROXY: 'maybe' }, /TRUST_PROXY must be the number of trusted proxy hops/],
    [{ TRUST_PROXY: '11' }, /TRUST_PROXY/],
    [{ DATABASE_URL: 'postgres://u:p@db.example.com/orders' }, /DATABASE_URL points at db.example.com without TLS: add \?sslmode=verify-full/],
    [{ DATABASE_URL: 'postgres://u:p@db.example.com/orders?sslmode=prefer' }, /without TLS.*got sslmode=prefer/],
    [{ SERVER_SECRET: 'too-short' }, /SERVER_SECRET must be at least 32 characters/],
    [{ SHUTDOWN_DELAY_SECONDS: '600' }, /SHUTDOWN_DELAY_SECONDS must be a whole number from 0 to 120/],
    [{ MAIL_LEASE_SECONDS: '1' }, /MAIL_LEASE_SECONDS must be a whole number from 5 to 3600/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16 characters/],
    [{ SMTP_URL: 'http://mail' }, /SMTP_URL must start with smtp:\/\//],
    [{ SMTP_URL: 'smtp://mail.example.com' }, /MAIL_FROM is required when SMTP_URL is set/],
    [{ SMTP_URL: 'smtp://mail.example.com', MAIL_FROM: 'nobody' }, /MAIL_FROM must be an address/],
    [{ RATE_LIMIT_ORDERS_PER_MINUTE: '0' }, /RATE_LIMIT_ORDERS_PER_MINUTE must be a whole number from 1/],
    [{ RATE_LIMIT_READS_BURST: '2.5' }, /RATE_LIMIT_READS_BURST must be a whole number/],
    [{ RATE_LIMIT_ORDERS_BURST: '1e9' }, /RATE_LIMIT_ORDERS_BURST/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never echoes a database or SMTP password in its messages', () => {
    expect(messageOf({ DATABASE_URL: 'postgres://user:hunter2@db:notaport/x' })).not.toContain('hunter2');
    expect(messageOf({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).not.toContain('hunter2');
    expect(messageOf({ SMTP_URL: 'ftp://u:hunter2@x' })).not.toContain('hunter2');
  });

  it('rate limits default to today\'s values and each bucket can be raised on its own (load tests, shared NAT)', () => {
    expect(loadConfig({}).rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    expect(DEFAULT_RATE_LIMITS.orders).toEqual({ capacity: 10, refillPerMinute: 2 });
    const raised = loadConfig({ RATE_LIMIT_ORDERS_PER_MINUTE: '600000', RATE_LIMIT_ORDERS_BURST: '5000', RATE_LIMIT_READS_PER_MINUTE: '900' }).rateLimits;
    expect(raised.orders).toEqual({ capacity: 5000, refillPerMinute: 600000 });
    expect(raised.reads).toEqual({ capacity: DEFAULT_RATE_LIMITS.reads.capacity, refillPerMinute: 900 });
    // The admin-failure limit guards the admin token and has no switch.
    expect(raised.adminFailures).toEqual(DEFAULT_RATE_LIMITS.adminFailures);
  });
});

describe('loadConfig: payment', () => {
  const keys = { STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' };

  it('is off without Stripe keys, with the default retention of 90 days', () => {
    const config = loadConfig({});
    expect(config.payment).toBeUndefined();
    expect(config.retentionDays).toBe(90);
  });

  it('is on with both keys, at 9.90 EUR unless ORDER_PRICE says otherwise', () => {
    expect(loadConfig(keys).payment).toEqual({ secretKey: 'sk_test_abc123', webhookSecret: 'whsec_abc123', price: { amount: 990, currency: 'EUR' } });
    expect(loadConfig({ ...keys, ORDER_PRICE: '12 usd' }).payment?.price).toEqual({ amount: 1200, currency: 'USD' });
    expect(loadConfig({ ...keys, ORDER_PRICE: '1500 JPY' }).payment?.price).toEqual({ amount: 1500, currency: 'JPY' });
    expect(loadConfig({ ...keys, STRIPE_API_URL: 'http://127.0.0.1:12111' }).payment?.apiUrl?.port).toBe('12111');
  });

  it('refuses half a set-up, a price without payment and a malformed price, naming the variable', () => {
    expect(messageOf({ STRIPE_SECRET_KEY: 'sk_test_abc123' })).toMatch(/STRIPE_WEBHOOK_SECRET is not/);
    expect(messageOf({ STRIPE_WEBHOOK_SECRET: 'whsec_abc123' })).toMatch(/STRIPE_SECRET_KEY is not/);
    expect(messageOf({ ORDER_PRICE: '9.90 EUR' })).toMatch(/orders would be free/);
    expect(messageOf({ ...keys, ORDER_PRICE: '9,90 EUR' })).toMatch(/ORDER_PRICE/);
    expect(messageOf({ ...keys, ORDER_PRICE: '9.999 EUR' })).toMatch(/2 decimal places/);
    expect(messageOf({ ...keys, ORDER_PRICE: '9.90 XYZ' })).toMatch(/ISO 4217/);
    expect(messageOf({ ...keys, STRIPE_SECRET_KEY: 'pk_test_abc' })).toMatch(/secret or restricted key/);
    expect(messageOf({ ...keys, STRIPE_SECRET_KEY: 'pk_test_abc' })).not.toMatch(/pk_test_abc/);
    expect(messageOf({ RETENTION_DAYS: '0' })).toMatch(/RETENTION_DAYS/);
  });
});
