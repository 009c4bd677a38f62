// The code table through the admin routes: CSV upload (atomic, line-numbered problems, conflicts), add, search, export, and waiting orders fulfilled by new codes.
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeTableImportAnswer, CodeTableSearchAnswer } from '../domain/code-table';
import type { OrderReceipt } from '../domain/order';
import { createTestApp, postgresSuitePlan, postOrder, validOrderBody, type TestApp, type TestEngine } from './testing';

const plan = postgresSuitePlan();
const engines: TestEngine[] = plan.run ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(engines)('code table on %s', (engine) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function admin(path: string, init: RequestInit = {}): Promise<Response> {
    return t.app.request(`/api/admin${path}`, { ...init, headers: { Authorization: `Bearer ${t.adminToken}`, 'Content-Type': 'application/json', ...init.headers } });
  }
  async function upload(csv: string): Promise<Response> {
    return admin('/codes/import', { method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: csv });
  }

  it('imports a CSV upload; a file with bad lines imports nothing and names every line', async () => {
    t = await createTestApp({ engine });
    const bad = await upload('serial,code\nAP1234567890,1234\nxx,1\nCD9876543210,99');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: 'codeTable.rows', lines: [{ line: 3, code: 'serial.tooShort' }, { line: 4, code: 'code.format' }] });
    expect(await t.codeTable.count()).toBe(0);

    const good = await upload('serial,code\nAP1234567890,1234\nCD9876543210,5678');
    expect(await good.json()).toEqual({ added: 2, unchanged: 0, fulfilled: 0 } satisfies CodeTableImportAnswer);
    // The same file again changes nothing.
    expect(await (await upload('AP1234567890,1234')).json()).toEqual({ added: 0, unchanged: 1, fulfilled: 0 });
  });

  it('a serial already in the table with another code refuses the whole import', async () => {
    t = await createTestApp({ engine });
    await upload('AP1234567890,1234');
    const conflict = await upload('EF1111111111,1111\nAP1234567890,9999');
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toMatchObject({ code: 'serial.conflict' });
    expect(await t.codeTable.count()).toBe(1);
  });

  it('search by serial prefix (normalised), add one row, export all as CSV', async () => {
    t = await createTestApp({ engine });
    await upload('AP1234567890,1234\nAP1299999999,2222\nCD9876543210,5678');
    const found = (await (await admin('/codes?q=ap12%2034')).json()) as CodeTableSearchAnswer;
    expect(found).toEqual({ rows: [{ serial: 'AP1234567890', code: '1234' }], total: 3 });
    const added = await admin('/codes', { method: 'POST', body: JSON.stringify({ serial: 'zz-1234-5678', code: '4444' }) });
    expect(await added.json()).toEqual({ added: 1, unchanged: 0, fulfilled: 0 });
    const invalid = await admin('/codes', { method: 'POST', body: JSON.stringify({ serial: 'ZZ12345678', code: 'abcd' }) });
    expect(invalid.status).toBe(400);
    const exported = await admin('/codes/export');
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await exported.text()).toBe('serial,code\nAP1234567890,1234\nAP1299999999,2222\nCD9876543210,5678\nZZ12345678,4444\n');
  });

  it('export pages through a table larger than one page', async () => {
    t = await createTestApp({ engine });
    const rows = Array.from({ length: 12_345 }, (_, i) => ({ serial: `SN${String(i).padStart(8, '0')}`, code: String(1000 + (i % 9000)) }));
    expect(await t.codeTable.importRows(rows, new Date())).toEqual({ ok: true, added: rows.length, unchanged: 0 });
    const text = await (await admin('/codes/export')).text();
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(rows.length + 1);
    expect(lines[0]).toBe('serial,code');
    expect(lines.at(-1)).toBe(`${rows.at(-1)!.serial},${rows.at(-1)!.code}`);
  });

  it('a code added for a waiting order fulfils it (with its mail)', async () => {
    t = await createTestApp({ engine });
    const receipt = (await (await postOrder(t.app, { body: validOrderBody({ serial: 'GH5555555555' }) })).json()) as OrderReceipt;
    expect(await (await admin('/codes', { method: 'POST', body: JSON.stringify({ serial: 'GH5555555555', code: '5555' }) })).json()).toEqual({ added: 1, unchanged: 0, fulfilled: 1 });
    const report = await t.app.request(`/api/orders/${receipt.id}`, { headers: { Authorization: `Bearer ${receipt.token}` } });
    expect(await report.json()).toMatchObject({ status: 'fulfilled', code: '5555' });
  });

  it('GET /api/admin/privacy says how long personal data is kept', async () => {
    t = await createTestApp({ engine, retentionDays: 30 });
    expect(await (await admin('/privacy')).json()).toEqual({ retentionDays: 30, payment: false });
  });
});
