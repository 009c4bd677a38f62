// The admin token stays in the tab's sessionStorage: not in localStorage, IndexedDB, Cache Storage, cookies or the URL; sent only as the Authorization header of /api/admin requests.
import { test, expect } from './support/fixtures';
import { E2E_ADMIN_TOKEN } from './support/constants';

test('the admin token never leaves sessionStorage (and the Authorization header to /api/admin)', async ({ page, context }) => {
  const leaks: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    const headers = request.headers();
    const authorization = headers.authorization ?? '';
    const elsewhere = Object.entries(headers).filter(([name, value]) => name !== 'authorization' && value.includes(E2E_ADMIN_TOKEN));
    if (request.url().includes(E2E_ADMIN_TOKEN) || (request.postData() ?? '').includes(E2E_ADMIN_TOKEN) || elsewhere.length > 0) leaks.push(`${request.method()} ${url.pathname}`);
    if (authorization.includes(E2E_ADMIN_TOKEN) && !url.pathname.startsWith('/api/admin/')) leaks.push(`Authorization to ${url.pathname}`);
  });

  await page.goto('/admin');
  await page.getByLabel('Admin token').fill(E2E_ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('admin-orders')).toBeAttached();
  // Used again: a reload signs in from sessionStorage, and the list loads with it.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByTestId('admin-orders')).toBeAttached();

  const stored = await page.evaluate(async (token) => {
    const found: string[] = [];
    if (!Object.values(sessionStorage).includes(token)) found.push('MISSING from sessionStorage');
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i) ?? '';
      if ((localStorage.getItem(key) ?? '').includes(token)) found.push(`localStorage ${key}`);
    }
    if (document.cookie.includes(token)) found.push('cookie');
    if (location.href.includes(token) || history.state?.toString().includes(token)) found.push('URL or history');
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        const body = response ? await response.clone().text() : '';
        if (request.url.includes(token) || body.includes(token) || request.headers.get('authorization')?.includes(token)) found.push(`Cache Storage ${name}: ${request.url}`);
      }
    }
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const storeName of Array.from(db.objectStoreNames)) {
        const values = await new Promise<unknown[]>((resolve, reject) => {
          const all = db.transaction(storeName, 'readonly').objectStore(storeName).getAll();
          all.onsuccess = () => resolve(all.result);
          all.onerror = () => reject(all.error);
        });
        if (JSON.stringify(values).includes(token)) found.push(`IndexedDB ${info.name}/${storeName}`);
      }
      db.close();
    }
    return found;
  }, E2E_ADMIN_TOKEN);
  expect(stored).toEqual([]);
  expect((await context.cookies()).filter((cookie) => cookie.value.includes(E2E_ADMIN_TOKEN))).toEqual([]);
  expect(leaks).toEqual([]);

  // Signing out removes it.
  await page.getByRole('button', { name: 'Sign out' }).click();
  expect(await page.evaluate((token) => Object.values(sessionStorage).includes(token), E2E_ADMIN_TOKEN)).toBe(false);
});
