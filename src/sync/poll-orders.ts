// Owns asking the order service about sent orders and keeping what it says (a delivered code, a cancellation) on the device.
import { codeDelivered } from '../domain/case-orders';
import { listOrdersByState, recordPollFailure, recordStatus } from '../storage/outbox-store';
import { getOrderStatus, reachedNoService, type FetchLike } from './api-client';
import type { ConnectivityReports } from './connectivity';

export interface PollOptions {
  fetch: FetchLike;
  now: () => number;
  baseUrl?: string;
  timeoutMs?: number;
  /** Skip orders asked about less than this long ago (a page and its SW both polling). */
  minIntervalMs?: number;
  /** This context's judgement of the network: nothing is asked while it says offline; it hears what each request did. */
  connectivity?: ConnectivityReports;
  /** The user asked ("Check now"): ask even while judged offline. */
  force?: boolean;
}

export interface PollSummary {
  /** Orders the service was asked about. */
  polled: number;
  /** Idempotency keys whose code arrived in this poll. */
  fulfilled: string[];
  cancelled: string[];
  /** Sent orders still waiting for fulfilment after this poll. */
  waiting: number;
  offline: boolean;
}

/** Works in the page and in the SW: no DOM, only fetch and IndexedDB. */
export async function pollOrders(options: PollOptions): Promise<PollSummary> {
  const summary: PollSummary = { polled: 0, fulfilled: [], cancelled: [], waiting: 0, offline: false };
  const sent = await listOrdersByState('sent');
  const connectivity = options.connectivity;
  if (!options.force && connectivity && !connectivity.worthTrying()) {
    summary.offline = true;
    summary.waiting = sent.length;
    return summary;
  }
  for (const entry of sent) {
    if (summary.offline) {
      // The service is out of reach: the rest are still waiting, asked next time.
      summary.waiting++;
      continue;
    }
    const startedAt = options.now();
    // Pacing only: a poll stamped in the future (another context's clock, or this device's clock set back) never
    // holds a poll back, and a press ("Check now", minIntervalMs 0) always asks.
    const sinceLastPoll = entry.lastPolledAt === undefined ? undefined : startedAt - entry.lastPolledAt;
    if (options.minIntervalMs !== undefined && sinceLastPoll !== undefined && sinceLastPoll >= 0 && sinceLastPoll < options.minIntervalMs) {
      summary.waiting++;
      continue;
    }
    summary.polled++;
    const outcome = await getOrderStatus(
      { fetch: options.fetch, baseUrl: options.baseUrl ?? '', timeoutMs: options.timeoutMs, now: options.now },
      entry.order.id,
      entry.order.token,
    );
    const now = options.now();
    if (reachedNoService(outcome)) {
      summary.offline = true;
      connectivity?.reportNoAnswer();
    } else connectivity?.reportAnswer();
    if (outcome.kind === 'ok') {
      const result = await recordStatus(entry.key, outcome.value, now, codeDelivered);
      const state = result?.entry.state;
      if (state === 'fulfilled' && result?.changed) summary.fulfilled.push(entry.key);
      else if (state === 'cancelled' && result?.changed) summary.cancelled.push(entry.key);
      else if (state === 'sent') summary.waiting++;
    } else {
      // 'gone' (404) is kept visible on the order rather than acted on: the token is the only proof of purchase.
      await recordPollFailure(entry.key, outcome.kind === 'retry' ? outcome.reason : outcome.kind, now);
      summary.waiting++;
    }
  }
  return summary;
}
