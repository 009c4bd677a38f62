// The built client (dist/) carries no secret and no server code: admin tokens, private keys, credentials in URLs, server env names, src/server modules.
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_ADMIN_TOKEN } from '../e2e/support/constants';
import { ensureFreshBuild } from './build-if-needed.mjs';

/** NO_SECRETS_DIST scans another build output as it is (no build): for checking the scan against a planted leak. */
const DIST = process.env.NO_SECRETS_DIST ?? 'dist';
const TEXT_FILE = /\.(?:m?js|html|css|json|webmanifest|map|txt|xml|svg)$/;

/** What may never appear in a file served to every visitor. */
const FORBIDDEN: Array<{ what: string; pattern: RegExp }> = [
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/ },
  { what: 'an SMTP URL with credentials', pattern: /smtps?:\/\/[^\s/:@"'`]+:[^\s/@"'`]+@/i },
  { what: 'a database URL with credentials', pattern: /postgres(?:ql)?:\/\/[^\s/:@"'`]+:[^\s/@"'`]+@/i },
  // Server environment names: the client has no business knowing them (a reference means server code or config leaked in).
  { what: 'a server environment name', pattern: /\b(?:ADMIN_TOKEN|DATABASE_URL|TEST_DATABASE_URL|SMTP_URL|MAIL_FROM|PGPASSWORD|RATE_LIMIT_[A-Z_]+|[A-Z][A-Z0-9]*_(?:PASSWORD|SECRET|PASSWD))\b/ },
  // NODE_ENV is the one a bundler replaces (library source kept in a source map mentions it).
  { what: 'process.env (Node configuration in the bundle)', pattern: /process\.env\b(?!\.NODE_ENV\b)/ },
];

/**
 * String literals that exist only in src/server (config, secrets, idempotency sealing, main): a
 * minifier renames functions but keeps these, so finding one means a server module was bundled.
 */
const SERVER_MARKERS = [
  'must be at least', // config.ts: ADMIN_TOKEN check
  'must start with postgres://', // config.ts
  'mini-radio-code/idempotency/v1', // idempotency.ts: the seal salt
  'stored-response', // idempotency.ts: HKDF info
  'idempotency key conflict without a row', // orders-repo.ts
  'order service on', // main.ts start-up line
  'better-sqlite3',
  'journal_mode',
  'node:crypto',
  'node:fs',
];

/** Secret values known to this run: the e2e admin token and any secret-looking variable of the environment the build ran in. */
function knownSecretValues(env: NodeJS.ProcessEnv = process.env): Array<{ name: string; value: string }> {
  const values = [{ name: 'E2E_ADMIN_TOKEN', value: E2E_ADMIN_TOKEN }];
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < 8) continue;
    if (/TOKEN|SECRET|PASSWORD|PASSWD|PRIVATE|API_KEY|DATABASE_URL|SMTP_URL/i.test(name)) values.push({ name, value });
    // The password inside a connection URL, on its own.
    const password = /^[a-z]+:\/\/[^:/@]+:([^@]+)@/i.exec(value)?.[1];
    if (password && password.length >= 6) values.push({ name: `${name} (password)`, value: decodeURIComponent(password) });
  }
  return values;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

interface Finding {
  file: string;
  what: string;
  excerpt: string;
}

/** Every forbidden thing in one text, with a short excerpt (secret values masked) for the failure message. */
export function findSecrets(file: string, text: string, secrets = knownSecretValues()): Finding[] {
  const findings: Finding[] = [];
  const excerpt = (index: number, length: number) => text.slice(Math.max(0, index - 30), index + length + 30).replace(/\s+/g, ' ');
  for (const { what, pattern } of FORBIDDEN) {
    const match = pattern.exec(text);
    if (match) findings.push({ file, what, excerpt: excerpt(match.index, match[0].length) });
  }
  for (const marker of SERVER_MARKERS) {
    const index = text.indexOf(marker);
    if (index >= 0) findings.push({ file, what: `server code ("${marker}")`, excerpt: excerpt(index, marker.length) });
  }
  for (const { name, value } of secrets) {
    if (text.includes(value)) findings.push({ file, what: `the value of ${name}`, excerpt: '(masked)' });
  }
  return findings;
}

describe('the built client bundle', () => {
  let files: string[] = [];
  beforeAll(() => {
    if (!process.env.NO_SECRETS_DIST) ensureFreshBuild((command: string) => execSync(command, { stdio: 'pipe', timeout: 300_000 }));
    files = filesUnder(DIST).filter((file) => TEXT_FILE.test(file));
  }, 300_000);

  it('holds no secret, credential or server environment name', () => {
    expect(files.length).toBeGreaterThan(10);
    const findings = files.flatMap((file) => findSecrets(relative(DIST, file), readFileSync(file, 'utf8')));
    expect(findings).toEqual([]);
  });

  it('bundles no server module, not even in a source map', () => {
    for (const file of files.filter((f) => f.endsWith('.map'))) {
      const map = JSON.parse(readFileSync(file, 'utf8')) as { sources?: string[] };
      expect((map.sources ?? []).filter((source) => /(?:^|\/)src\/server\//.test(source)), file).toEqual([]);
    }
    // The admin screen is in the bundle (staff use it), but only as a client: no token in it, just a field.
    const admin = files.filter((f) => /admin/i.test(f));
    for (const file of admin) expect(readFileSync(file, 'utf8')).not.toContain(E2E_ADMIN_TOKEN);
  });

  it('the scan itself catches each kind of leak (so a pass means something)', () => {
    const planted = [
      `const t="${E2E_ADMIN_TOKEN}"`,
      '-----BEGIN PRIVATE KEY-----\nMIIE',
      '-----BEGIN RSA PRIVATE KEY-----',
      'fetch("smtps://codes:hunter22@mail.example.com:465")',
      'postgres://orders:s3cret-pw@db:5432/orders',
      'const a = process.env.ADMIN_TOKEN',
      'e.DATABASE_URL',
      'SMTP_PASSWORD',
      'throw new Error(`ADMIN_TOKEN must be at least ${16} characters`)',
      'const SALT = Buffer.from("mini-radio-code/idempotency/v1")',
      'console.info(`order service on http://${host}`)',
    ];
    for (const text of planted) expect(findSecrets('planted.js', text, knownSecretValues({})), text).not.toEqual([]);
    expect(findSecrets('clean.js', 'label:"Admin token",placeholder:"Paste the token",fetch("/api/admin/orders")', knownSecretValues({}))).toEqual([]);
    // A secret of the build environment is found by value, and its URL password on its own.
    const env = { SMTP_URL: 'smtps://codes:pw-8f3k2j@mail.example.com:465' };
    expect(findSecrets('x.js', 'var p="pw-8f3k2j"', knownSecretValues(env)).map((f) => f.what)).toContain('the value of SMTP_URL (password)');
  });
});
