// Property: any interleaving and duplication of webhook events, customer redirects and status polls ends with each paid
// order fulfilled or refunded exactly once, each code mail queued once, and no code mail for a refunded order.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutAnswer, OrderReceipt, OrderStatusReport } from '../../domain/order';
import { createMailOutboxRepo } from '../mail-outbox-repo';
import { createTestApp, postgresSuitePlan, postOrder, validOrderBody, type TestApp, type TestEngine } from '../testing';
import { createStripeGateway } from './stripe-gateway';
import { startStripeStandIn, type SignedEvent, type StripeStandIn } from './stripe-stand-in';

const WEBHOOK_SECRET = 'whsec_propertysecret';
const PRICE = { amount: 990, currency: 'EUR' };
const KNOWN = 'KN0000000001';
const UNKNOWN = 'UN0000000001';
const RUNS = Number(process.env.PAYMENT_PROPERTY_RUNS ?? 25);

/** One customer's story: whether the serial is in the table, an abandoned first session, a refund in Stripe's dashboard. */
interface Story {
  known: boolean;
  abandonedFirst: boolean;
  dashboardRefund: boolean;
}

type Step =
  | { kind: 'deliver'; event: number }
  /** The customer lands back on the case: the app polls the status. */
  | { kind: 'redirect'; order: number }
  /** A second tab (or the tab reopened later) asks for the checkout again. */
  | { kind: 'checkout'; order: number };

const storyArb: fc.Arbitrary<Story> = fc.record({ known: fc.boolean(), abandonedFirst: fc.boolean(), dashboardRefund: fc.boolean() });

const plan = postgresSuitePlan();
const engines: TestEngine[] = plan.run ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('payment events in any order on %s', (engine) => {
  let standIn: StripeStandIn;
  let t: TestApp;

  beforeAll(async () => {
    standIn = await startStripeStandIn({ webhookSecret: WEBHOOK_SECRET });
    const gateway = createStripeGateway({ secretKey: 'sk_test_standin', webhookSecret: WEBHOOK_SECRET, apiUrl: new URL(standIn.url), maxNetworkRetries: 2 });
    t = await createTestApp({ engine, payment: { gateway, price: PRICE }, config: { rateLimits: { orders: { capacity: 1e6, refillPerMinute: 1e6 }, reads: { capacity: 1e6, refillPerMinute: 1e6 } } } });
    await t.codeTable.importRows([{ serial: KNOWN, code: '2468' }], new Date());
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
  });

  async function status(receipt: OrderReceipt): Promise<OrderStatusReport> {
    return (await (await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } })).json()) as OrderStatusReport;
  }
  async function checkout(receipt: OrderReceipt): Promise<Response> {
    return t.app.request(`/api/orders/${receipt.id}/checkout`, { method: 'POST', headers: { Authorization: `Bearer ${receipt.token}` } });
  }
  async function deliver(event: SignedEvent): Promise<void> {
    const response = await t.app.request('/api/payments/stripe', { method: 'POST', headers: { 'Stripe-Signature': event.signature }, body: event.body });
    expect(response.status).toBe(200);
  }

  it('ends with every paid order fulfilled or refunded exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(storyArb, { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ kind: fc.constantFrom('deliver' as const, 'redirect' as const, 'checkout' as const), pick: fc.nat() }), { maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 0, maxLength: 8 }),
        async (stories, schedule, duplicates) => {
          // The Stripe side of each story happens first (sessions created, paid, expired, refunded);
          // only the deliveries to the service are shuffled, duplicated and interleaved.
          const receipts: OrderReceipt[] = [];
          const events: SignedEvent[] = [];
          for (const story of stories) {
            const receipt = (await (await postOrder(t.app, { body: validOrderBody({ serial: story.known ? KNOWN : UNKNOWN }) })).json()) as OrderReceipt;
            receipts.push(receipt);
            const first = ((await (await checkout(receipt)).json()) as CheckoutAnswer).url.split('/').pop()!;
            let paidSession = first;
            if (story.abandonedFirst) {
              events.push(standIn.expiredEvent(first));
              // The expiry reached the service before the customer tried again (else the same session is reused).
              await deliver(events.at(-1)!);
              paidSession = ((await (await checkout(receipt)).json()) as CheckoutAnswer).url.split('/').pop()!;
            }
            events.push(standIn.completedEvent(paidSession));
            if (story.dashboardRefund && !story.known) events.push(standIn.refundedEvent(standIn.sessions.get(paidSession)!.paymentIntent));
          }
          const queue: Step[] = [...events.keys(), ...duplicates.map((d) => d % events.length)].map((event) => ({ kind: 'deliver', event }));
          // Interleave: each scheduled step is inserted at a position chosen by its pick.
          for (const step of schedule) {
            const at = step.pick % (queue.length + 1);
            const order = step.pick % receipts.length;
            queue.splice(at, 0, step.kind === 'deliver' ? { kind: 'deliver', event: step.pick % events.length } : { kind: step.kind, order });
          }
          for (const step of queue) {
            if (step.kind === 'deliver') await deliver(events[step.event]!);
            else if (step.kind === 'redirect') {
              const report = await status(receipts[step.order]!);
              if (report.status !== 'fulfilled') expect(report.code).toBeUndefined();
            } else {
              const response = await checkout(receipts[step.order]!);
              expect([200, 409]).toContain(response.status);
            }
          }

          // Staff refund what they cannot serve (twice, as a double click would).
          for (const [index, receipt] of receipts.entries()) {
            if ((await status(receipt)).status !== 'paid') continue;
            expect(stories[index]!.known).toBe(false);
            for (let click = 0; click < 2; click++) {
              const refund = await t.app.request(`/api/admin/orders/${receipt.id}/refund`, {
                method: 'POST',
                headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json' },
                body: JSON.stringify({ reason: 'no code on file' }),
              });
              expect(refund.status).toBe(200);
            }
          }

          const mails = await createMailOutboxRepo(t.db).list();
          for (const [index, receipt] of receipts.entries()) {
            const story = stories[index]!;
            const report = await status(receipt);
            const codeMails = mails.filter((m) => m.orderId === receipt.id && m.kind === 'code').length;
            const refundMails = mails.filter((m) => m.orderId === receipt.id && m.kind === 'refund').length;
            if (story.known) {
              expect(report).toMatchObject({ status: 'fulfilled', code: '2468' });
              expect([codeMails, refundMails]).toEqual([1, 0]);
            } else {
              expect(report.status).toBe('refunded');
              expect([codeMails, refundMails]).toEqual([0, 1]);
              const intent = [...standIn.sessions.values()].filter((s) => s.orderId === receipt.id && s.status === 'complete')[0]!.paymentIntent;
              // At most one Stripe refund per order, whatever the clicks and retries.
              expect(new Set(standIn.refunds.filter((r) => r.paymentIntent === intent).map((r) => r.id)).size).toBeLessThanOrEqual(1);
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, 240_000);
});
