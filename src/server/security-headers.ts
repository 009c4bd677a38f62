// Security headers on every response (API, static files, errors), and no-store for the API.
import type { MiddlewareHandler } from 'hono';

/** No 'unsafe-inline' anywhere: prerendered HTML must carry no inline script or style attribute. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Only features Chrome knows: an unknown one (e.g. interest-cohort) logs a console error,
 * which costs Lighthouse Best Practices points.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'camera=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'payment=()',
  'usb=()',
].join(', ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  // Ignored by browsers over plain http (local use); protects a deployment behind TLS.
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

function setAll(headers: Headers, values: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
}

/** Runs after everything else, so handler answers, notFound and onError answers all get the headers. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setAll(c.res.headers, SECURITY_HEADERS);
  };
}

/** API answers hold tokens, codes and personal data: no cache (browser, SW or proxy) may keep them. */
export function noStore(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Cache-Control', 'no-store');
  };
}
