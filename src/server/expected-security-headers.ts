// Test helper: the security headers every response must carry, written out literally (not read from the implementation), and their check.
import { expect } from 'vitest';

/** Each CSP directive and its exact sources: a loosened directive, a new source or a dropped directive fails. */
export const EXPECTED_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'worker-src': "'self'",
  'manifest-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
  'object-src': "'none'",
};

export const EXPECTED_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

export function parseCsp(value: string | null): Record<string, string> {
  const directives: Record<string, string> = {};
  for (const part of (value ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives[name.toLowerCase()] = sources.join(' ');
  }
  return directives;
}

/** Asserts the header values themselves; `what` names the response in a failure. */
export function expectSecurityHeaders(response: Response, what: string): void {
  const csp = response.headers.get('content-security-policy');
  expect(parseCsp(csp), `${what}: Content-Security-Policy`).toEqual(EXPECTED_CSP_DIRECTIVES);
  expect(csp, `${what}: no unsafe source`).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|http:|https:/);
  for (const [name, value] of Object.entries(EXPECTED_HEADERS)) expect(response.headers.get(name), `${what}: ${name}`).toBe(value);
}
