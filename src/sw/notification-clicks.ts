// A tap on a countdown notification: focus an open window of the app on that case, or open one.

export async function openFromNotification(sw: ServiceWorkerGlobalScope, url: string): Promise<void> {
  const target = new URL(url, sw.location.origin);
  if (target.origin !== sw.location.origin) return;
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    if ('focus' in client) {
      await client.focus();
      if (new URL(client.url).pathname !== target.pathname) await client.navigate(target.href);
      return;
    }
  }
  await sw.clients.openWindow(target.href);
}
