// Tests only: writes a database exactly as release 1 left it on a device, through raw IndexedDB calls (no app code).
// Frozen on purpose: it is the old schema, so do not "update" it with the current one.

export interface Version1Records {
  cases?: readonly object[];
  outbox?: readonly object[];
  settings?: readonly { key: string; value: unknown }[];
}

export async function writeVersion1Database(name: string, records: Version1Records): Promise<void> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.addEventListener('upgradeneeded', () => {
      const raw = open.result;
      raw.createObjectStore('cases', { keyPath: 'id' }).createIndex('byUpdatedAt', 'updatedAt');
      const outbox = raw.createObjectStore('outbox', { keyPath: 'key' });
      outbox.createIndex('byState', 'state');
      outbox.createIndex('byNextAttemptAt', 'nextAttemptAt');
      outbox.createIndex('byCaseId', 'caseId');
      raw.createObjectStore('settings', { keyPath: 'key' });
    });
    open.addEventListener('success', () => resolve(open.result));
    open.addEventListener('error', () => reject(open.error));
  });
  const tx = db.transaction(['cases', 'outbox', 'settings'], 'readwrite');
  for (const record of records.cases ?? []) tx.objectStore('cases').put(record);
  for (const record of records.outbox ?? []) tx.objectStore('outbox').put(record);
  for (const record of records.settings ?? []) tx.objectStore('settings').put(record);
  await new Promise<void>((resolve, reject) => {
    tx.addEventListener('complete', () => resolve());
    tx.addEventListener('abort', () => reject(tx.error));
  });
  db.close();
}
