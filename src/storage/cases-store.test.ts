import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../domain/case';
import { applyCaseEvent, archiveCase, deleteCase, getCase, listCases, putCase, subscribeCases, unarchiveCase } from './cases-store';
import { closeDb, useDatabase } from './db';

beforeEach(async () => {
  await useDatabase(`cases-test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await closeDb();
});

describe('cases store', () => {
  it('lists most recently updated first and hides archived cases unless asked', async () => {
    await putCase(createCase({ id: 'old', label: 'Old', now: 1 }));
    await putCase(createCase({ id: 'new', label: 'New', now: 3 }));
    await putCase(createCase({ id: 'mid', label: 'Mid', now: 2 }));
    expect((await listCases()).map((c) => c.id)).toEqual(['new', 'mid', 'old']);
    await archiveCase('mid', 4);
    expect((await listCases()).map((c) => c.id)).toEqual(['new', 'old']);
    expect((await listCases({ includeArchived: true })).map((c) => c.id)).toEqual(['mid', 'new', 'old']);
    await unarchiveCase('mid', 5);
    expect((await getCase('mid'))?.archivedAt).toBeUndefined();
    await deleteCase('old');
    expect(await getCase('old')).toBeUndefined();
  });

  it('applies a machine event and saves it in one step', async () => {
    await putCase(createCase({ id: 'car', label: 'Car', now: 1, generation: 'r55-r59' }));
    const result = await applyCaseEvent('car', { type: 'display.reported', message: 'SAFE' }, 10);
    expect(result?.changed).toBe(true);
    expect((await getCase('car'))?.machine.value).toBe('safeWait');
    expect(await applyCaseEvent('missing', { type: 'restart' }, 10)).toBeUndefined();
  });

  it('tells listeners in this context and other contexts (BroadcastChannel "cases")', async () => {
    const local: string[][] = [];
    const stop = subscribeCases((ids) => local.push(ids));
    const otherTab = new BroadcastChannel('cases');
    const remote = new Promise<unknown>((resolve) => {
      otherTab.addEventListener('message', (event: MessageEvent) => resolve(event.data), { once: true });
    });
    await putCase(createCase({ id: 'car', label: 'Car', now: 1 }));
    expect(local).toEqual([['car']]);
    expect(await remote).toEqual({ type: 'CASES_CHANGED', ids: ['car'] });
    otherTab.close();
    stop();
  });
});
