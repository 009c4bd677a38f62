// Server configuration: reads the environment once, checks every value, and owns the defaults.
import path from 'node:path';
import { parsePrice, type Price } from '../domain/price';
import type { BucketOptions } from './rate-limit';

export interface RateLimits {
  /** POST /api/orders per client address. */
  orders: BucketOptions;
  /** GET /api/orders/:id per client address (the device polls). */
  reads: BucketOptions;
  /** Failed admin authentications per client address; when empty, a wrong token gets 429 (a correct one still passes). */
  adminFailures: BucketOptions;
  /** Failed admin authentications from all addresses together (an attacker with many addresses). */
  adminFailuresGlobal: BucketOptions;
}

/** What createApp needs; main.ts adds where to listen and which database to open. */
export interface AppConfig {
  adminToken?: string;
  /** How many reverse proxies in front of us append to X-Forwarded-For (0: believe the socket only). */
  trustProxyHops: number;
  rateLimits: RateLimits;
  /** A 'pending' order older than this is an abandoned attempt (crashed process) a retry may take over. */
  pendingTimeoutMs: number;
}

/** Stripe Checkout; present only when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are both set. */
export interface PaymentConfig {
  secretKey: string;
  webhookSecret: string;
  price: Price;
  /** STRIPE_API_URL: another Stripe API base (a local stand-in in tests); unset = api.stripe.com. */
  apiUrl?: URL;
}

export const DEFAULT_ORDER_PRICE = '9.90 EUR';
export const DEFAULT_RETENTION_DAYS = 90;

export interface ServerConfig extends AppConfig {
  payment?: PaymentConfig;
  /** PUBLIC_URL: the origin customers use (behind a proxy), for Stripe's return links; unset = the request's origin. */
  publicUrl?: string;
  /** Days after an order is finished before the retention job blanks its e-mail and serial. */
  retentionDays: number;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  smtpUrl?: string;
  mailFrom?: string;
  distDir: string;
  /** Keys the idempotency-key HMAC; when unset, one is generated once and kept (data dir or database). */
  serverSecret?: string;
  /** On SIGTERM, how long /api/ready answers 503 before the listener closes (the load balancer's reaction time). */
  shutdownDelayMs: number;
  /** How long a code mail stays claimed by one sender without a renewal (a dead instance's mail waits this long). */
  mailLeaseMs: number;
}

export const ADMIN_TOKEN_MIN_LENGTH = 16;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // A workshop behind one NAT address orders a handful of codes a day; a burst of 10 covers a
  // device flushing its queue after a day offline.
  orders: { capacity: 10, refillPerMinute: 2 },
  reads: { capacity: 120, refillPerMinute: 120 },
  adminFailures: { capacity: 5, refillPerMinute: 1 },
  // Wrong tokens from everywhere together: far above what staff mistype, far below a useful guessing rate.
  adminFailuresGlobal: { capacity: 30, refillPerMinute: 10 },
};

export const DEFAULT_APP_CONFIG: AppConfig = {
  trustProxyHops: 0,
  rateLimits: DEFAULT_RATE_LIMITS,
  pendingTimeoutMs: 60_000,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Empty strings count as unset: `FOO= node …` and a blank line in an env file mean "not given". */
function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 8080;
  if (!/^\d+$/.test(raw) || Number(raw) > 65535) {
    throw new ConfigError(`PORT must be a whole number from 0 to 65535 (got "${raw}")`);
  }
  return Number(raw);
}

const MAX_PROXY_HOPS = 10;

/**
 * TRUST_PROXY: the number of reverse proxies in front of the service, each appending one
 * X-Forwarded-For entry. `true`/`false` are kept as 1/0 for configurations written before hops.
 */
function parseTrustProxy(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const value = raw.toLowerCase();
  if (value === 'true') return 1;
  if (value === 'false') return 0;
  if (/^\d+$/.test(value) && Number(value) <= MAX_PROXY_HOPS) return Number(value);
  throw new ConfigError(`TRUST_PROXY must be the number of trusted proxy hops, 0 to ${MAX_PROXY_HOPS} (got "${raw}")`);
}

/** Loopback by name or address (an SMTP relay or database on this machine needs no TLS). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const TLS_SSLMODES = new Set(['require', 'verify-ca', 'verify-full']);

/**
 * PostgreSQL must be reached over TLS unless it is on this machine (loopback or a Unix socket)
 * or the URL says `sslmode=disable` on purpose (a private network the operator vouches for).
 */
function parseDatabaseUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value may hold a password: never echo it.
    throw new ConfigError('DATABASE_URL is not a valid URL (expected postgres://user:password@host:5432/database)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got ${url.protocol}//)`);
  }
  const socketHost = url.searchParams.get('host');
  const local = url.hostname === '' || isLoopbackHost(url.hostname) || (socketHost !== null && socketHost.startsWith('/'));
  const sslmode = url.searchParams.get('sslmode');
  if (!local && sslmode !== 'disable' && (sslmode === null || !TLS_SSLMODES.has(sslmode))) {
    throw new ConfigError(
      `DATABASE_URL points at ${url.hostname} without TLS: add ?sslmode=verify-full (or require), or ?sslmode=disable if the network to the database is private${sslmode ? ` (got sslmode=${sslmode})` : ''}`,
    );
  }
  return raw;
}

function parseSmtpUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL is not a valid URL (expected smtp://user:password@host:587 or smtps://…:465)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps:// (got ${url.protocol}//)`);
  }
  if (!url.hostname) throw new ConfigError('SMTP_URL has no host name');
  return raw;
}

function parseMailFrom(raw: string | undefined, smtpUrl: string | undefined): string | undefined {
  if (raw === undefined) {
    if (smtpUrl) throw new ConfigError('MAIL_FROM is required when SMTP_URL is set (e.g. "MINI radio code <codes@example.com>")');
    return undefined;
  }
  // Accept "addr@host" or "Name <addr@host>"; a line break would let a value inject headers.
  if (/[\r\n]/.test(raw) || !/^(?:[^<>@]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(raw)) {
    throw new ConfigError(`MAIL_FROM must be an address like codes@example.com or "Name <codes@example.com>" (got "${raw}")`);
  }
  return raw;
}

/** Upper bound for the rate-limit variables: far above any real need, and well inside exact integers. */
const RATE_LIMIT_MAX = 100_000_000;

function parseRateValue(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > RATE_LIMIT_MAX) {
    throw new ConfigError(`${name} must be a whole number from 1 to ${RATE_LIMIT_MAX} (got "${raw}")`);
  }
  return Number(raw);
}

/**
 * RATE_LIMIT_{ORDERS,READS}_{BURST,PER_MINUTE}: per client address, the burst a quiet client may
 * spend at once and the steady refill. Unset → DEFAULT_RATE_LIMITS. Meant for load tests and for a
 * deployment whose clients share one address (a big workshop behind NAT); raise them with care.
 * Admin failures are not configurable: that limit guards the admin token.
 */
function parseRateLimits(env: Env): RateLimits {
  const bucket = (prefix: 'ORDERS' | 'READS', defaults: BucketOptions): BucketOptions => ({
    capacity: parseRateValue(`RATE_LIMIT_${prefix}_BURST`, read(env, `RATE_LIMIT_${prefix}_BURST`), defaults.capacity),
    refillPerMinute: parseRateValue(`RATE_LIMIT_${prefix}_PER_MINUTE`, read(env, `RATE_LIMIT_${prefix}_PER_MINUTE`), defaults.refillPerMinute),
  });
  return {
    orders: bucket('ORDERS', DEFAULT_RATE_LIMITS.orders),
    reads: bucket('READS', DEFAULT_RATE_LIMITS.reads),
    adminFailures: DEFAULT_RATE_LIMITS.adminFailures,
    adminFailuresGlobal: DEFAULT_RATE_LIMITS.adminFailuresGlobal,
  };
}

function parseAdminToken(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < ADMIN_TOKEN_MIN_LENGTH) {
    throw new ConfigError(
      `ADMIN_TOKEN must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters (make one with: node -e "console.log(crypto.randomBytes(32).toString('base64url'))")`,
    );
  }
  return raw;
}

export const SERVER_SECRET_MIN_LENGTH = 32;

function parseServerSecret(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.length < SERVER_SECRET_MIN_LENGTH) {
    throw new ConfigError(
      `SERVER_SECRET must be at least ${SERVER_SECRET_MIN_LENGTH} characters (make one with: node -e "console.log(crypto.randomBytes(32).toString('base64url'))")`,
    );
  }
  return raw;
}

const MAX_SHUTDOWN_DELAY_SECONDS = 120;

function parseShutdownDelay(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_SHUTDOWN_DELAY_SECONDS) {
    throw new ConfigError(`SHUTDOWN_DELAY_SECONDS must be a whole number from 0 to ${MAX_SHUTDOWN_DELAY_SECONDS} (got "${raw}")`);
  }
  return Number(raw) * 1000;
}

const MAIL_LEASE_SECONDS = { min: 5, max: 3600, fallback: 300 };

function parseMailLease(raw: string | undefined): number {
  if (raw === undefined) return MAIL_LEASE_SECONDS.fallback * 1000;
  if (!/^\d+$/.test(raw) || Number(raw) < MAIL_LEASE_SECONDS.min || Number(raw) > MAIL_LEASE_SECONDS.max) {
    throw new ConfigError(`MAIL_LEASE_SECONDS must be a whole number from ${MAIL_LEASE_SECONDS.min} to ${MAIL_LEASE_SECONDS.max} (got "${raw}")`);
  }
  return Number(raw) * 1000;
}

/**
 * Payment is on with STRIPE_SECRET_KEY, and then needs the webhook secret too: half a set-up would
 * take money without ever learning of it (or the reverse), so either alone stops the start.
 */
function parsePayment(env: Env): PaymentConfig | undefined {
  const secretKey = read(env, 'STRIPE_SECRET_KEY');
  const webhookSecret = read(env, 'STRIPE_WEBHOOK_SECRET');
  const rawPrice = read(env, 'ORDER_PRICE');
  if (!secretKey && !webhookSecret) {
    if (rawPrice) throw new ConfigError('ORDER_PRICE is set but STRIPE_SECRET_KEY is not: orders would be free. Set both Stripe variables, or remove ORDER_PRICE');
    if (read(env, 'STRIPE_API_URL')) throw new ConfigError('STRIPE_API_URL is set but STRIPE_SECRET_KEY is not');
    return undefined;
  }
  if (!secretKey) throw new ConfigError('STRIPE_WEBHOOK_SECRET is set but STRIPE_SECRET_KEY is not: payment needs both (Stripe dashboard → Developers → API keys)');
  if (!webhookSecret) throw new ConfigError('STRIPE_SECRET_KEY is set but STRIPE_WEBHOOK_SECRET is not: payment needs both (the signing secret of the webhook endpoint, whsec_…)');
  // Never echo the values: they are secrets.
  if (!/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/.test(secretKey)) throw new ConfigError('STRIPE_SECRET_KEY must be a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…)');
  if (!/^whsec_[A-Za-z0-9+/=]+$/.test(webhookSecret)) throw new ConfigError('STRIPE_WEBHOOK_SECRET must be a webhook signing secret (whsec_…)');
  const price = parsePrice(rawPrice ?? DEFAULT_ORDER_PRICE);
  if (!price.ok) throw new ConfigError(`ORDER_PRICE: ${price.reason} (got "${rawPrice}")`);
  const payment: PaymentConfig = { secretKey, webhookSecret, price: price.value };
  const apiUrl = read(env, 'STRIPE_API_URL');
  if (apiUrl) {
    let url: URL;
    try {
      url = new URL(apiUrl);
    } catch {
      throw new ConfigError(`STRIPE_API_URL is not a valid URL (got "${apiUrl}")`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('STRIPE_API_URL must start with http:// or https://');
    payment.apiUrl = url;
  }
  return payment;
}

function parsePublicUrl(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PUBLIC_URL is not a valid URL (expected https://codes.example.com, got "${raw}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('PUBLIC_URL must start with https://');
  return url.origin;
}

function parseRetentionDays(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_RETENTION_DAYS;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 3650) throw new ConfigError(`RETENTION_DAYS must be a whole number of days from 1 to 3650 (got "${raw}")`);
  return Number(raw);
}

/** Reads and checks the environment; throws ConfigError with a message fit for the operator. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): ServerConfig {
  const smtpUrl = parseSmtpUrl(read(env, 'SMTP_URL'));
  const serverSecret = parseServerSecret(read(env, 'SERVER_SECRET'));
  return {
    ...DEFAULT_APP_CONFIG,
    port: parsePort(read(env, 'PORT')),
    host: read(env, 'HOST') ?? '127.0.0.1',
    dataDir: path.resolve(cwd, read(env, 'DATA_DIR') ?? './data'),
    databaseUrl: parseDatabaseUrl(read(env, 'DATABASE_URL')),
    adminToken: parseAdminToken(read(env, 'ADMIN_TOKEN')),
    smtpUrl,
    mailFrom: parseMailFrom(read(env, 'MAIL_FROM'), smtpUrl),
    trustProxyHops: parseTrustProxy(read(env, 'TRUST_PROXY')),
    rateLimits: parseRateLimits(env),
    distDir: path.resolve(cwd, read(env, 'DIST_DIR') ?? './dist'),
    ...(serverSecret ? { serverSecret } : {}),
    shutdownDelayMs: parseShutdownDelay(read(env, 'SHUTDOWN_DELAY_SECONDS')),
    mailLeaseMs: parseMailLease(read(env, 'MAIL_LEASE_SECONDS')),
    payment: parsePayment(env),
    publicUrl: parsePublicUrl(read(env, 'PUBLIC_URL')),
    retentionDays: parseRetentionDays(read(env, 'RETENTION_DAYS')),
  };
}
