// What an order does to its case, decided here (pure) and stored by storage/outbox-store in the same transaction as the order.
import { applyEvent, type RadioCase } from './case';

/** Given the case as stored right now (read inside the writing transaction), the case to store. */
export type CaseChange = (current: RadioCase, now: number) => RadioCase;

/** A fresh order for the case: the machine moves on where it accepts it (order → awaitingCode), and the case points at the order. */
export function orderPlaced(orderKey: string): CaseChange {
  return (current, now) => {
    const moved = applyEvent(current, { type: 'order.placed', orderKey }, now).case;
    return { ...moved, orderKey, updatedAt: Math.max(now, current.updatedAt) };
  };
}

/** The code arrived: the machine hears `code.delivered`, and the code is kept on the case for offline use. */
export function codeDelivered(code: string): CaseChange {
  return (current, now) => ({ ...applyEvent(current, { type: 'code.delivered', code }, now).case, deliveredCode: code });
}
