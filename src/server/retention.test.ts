// The retention job blanks e-mail, serial and label of orders finished longer ago than the retention period, and nothing else.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderReceipt } from '../domain/order';
import { redactFinishedOrders } from './retention';
import { createTestApp, postgresSuitePlan, postOrder, validOrderBody, type TestApp, type TestEngine } from './testing';

const plan = postgresSuitePlan();
const engines: TestEngine[] = plan.run ? ['sqlite', 'postgres'] : ['sqlite'];
const DAY = 24 * 60 * 60_000;

describe.each(engines)('retention on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('blanks finished orders after N days; waiting and recent orders keep their data; the code stays readable', async () => {
    t = await createTestApp({ engine });
    const T0 = new Date('2026-01-01T00:00:00.000Z');
    const place = async (serial: string) => (await (await postOrder(t.app, { body: validOrderBody({ serial, caseLabel: 'Cooper' }) })).json()) as OrderReceipt;
    const old = await place('AA1111111111');
    const waiting = await place('BB2222222222');
    const recent = await place('CC3333333333');
    const cancelled = await place('DD4444444444');
    await t.repo.fulfil(old.id, '1111', T0, { queueMail: false });
    await t.repo.cancel(cancelled.id, 'duplicate', T0);
    await t.repo.fulfil(recent.id, '3333', new Date(T0.getTime() + 80 * DAY), { queueMail: false });

    expect(await redactFinishedOrders(t.db, new Date(T0.getTime() + 89 * DAY), 90)).toBe(0);
    expect(await redactFinishedOrders(t.db, new Date(T0.getTime() + 91 * DAY), 90)).toBe(2);
    expect(await redactFinishedOrders(t.db, new Date(T0.getTime() + 92 * DAY), 90)).toBe(0);

    const rows = await t.db.selectFrom('orders').select(['id', 'email', 'serial', 'case_label', 'code', 'redacted_at']).execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(old.id)).toMatchObject({ email: '', serial: '', case_label: null, code: '1111', redacted_at: expect.any(String) });
    expect(byId.get(cancelled.id)).toMatchObject({ email: '', serial: '' });
    expect(byId.get(waiting.id)).toMatchObject({ email: 'owner@example.com', serial: 'BB2222222222', redacted_at: null });
    expect(byId.get(recent.id)).toMatchObject({ email: 'owner@example.com', serial: 'CC3333333333' });
    const report = await t.app.request(`/api/orders/${old.id}`, { headers: { Authorization: `Bearer ${old.token}` } });
    expect(await report.json()).toMatchObject({ status: 'fulfilled', code: '1111' });
  });
});
