// System notifications for ended countdowns: permission on the user's request, shown through the service worker.

export type NotificationPermissionState = 'unsupported' | NotificationPermission;

export function notificationPermission(): NotificationPermissionState {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

export async function requestNotificationPermission(): Promise<NotificationPermissionState> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a notification if allowed; Android only allows them from a service worker registration. */
export async function showNotification(title: string, body: string, tag: string, url: string): Promise<boolean> {
  if (notificationPermission() !== 'granted') return false;
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      // A worker still installing (a first visit) is active soon: wait for it rather than drop the notice.
      const active = registration.active ? registration : await navigator.serviceWorker.ready;
      await active.showNotification(title, { body, tag, data: { url }, icon: '/icon-192.png', badge: '/icon-192.png' });
      return true;
    }
    const notification = new Notification(title, { body, tag, icon: '/icon-192.png' });
    notification.addEventListener('click', () => {
      window.focus();
      location.assign(url);
    });
    return true;
  } catch {
    return false;
  }
}
