// The short order reference a person reads out or quotes: from the order service's id once sent, from the device's key before.

/** Characters shown: 8 of base64url/hex (≥ 32 bits even case-folded), enough to find one order among many by eye. */
const REFERENCE_LENGTH = 8;

export interface OrderReference {
  /** "AB3X-9KQZ": upper case, in two groups of four, so it reads well aloud and on a phone. */
  text: string;
  /** True while only this phone knows the order (queued, not yet acknowledged by the service). */
  local: boolean;
}

function shorten(id: string): string {
  const letters = id.replace(/[^0-9a-z]/gi, '').slice(0, REFERENCE_LENGTH).toUpperCase();
  return letters.length > 4 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

/** The service's order id wins once it exists; before that, the outbox's idempotency key (a UUID). */
export function orderReference(order: { key: string; serverId?: string | undefined }): OrderReference {
  return order.serverId ? { text: shorten(order.serverId), local: false } : { text: shorten(order.key), local: true };
}
