// Asks for notification permission at the moment it helps (a countdown is running), and says why.
import { useState } from 'preact/hooks';
import { notificationPermission, requestNotificationPermission, type NotificationPermissionState } from '../notifications';
import { useSettings } from '../hooks/use-settings';
import { useT } from '../hooks/use-t';

export function NotificationOffer() {
  const t = useT();
  const { settings, updateSettings } = useSettings();
  const [permission, setPermission] = useState<NotificationPermissionState>(() =>
    typeof window === 'undefined' ? 'unsupported' : notificationPermission(),
  );
  if (permission === 'unsupported') return null;
  if (permission === 'granted' && settings.notifications === 'enabled') return <p class="muted">{t('notifications.on')}</p>;
  if (permission === 'denied') return <p class="muted">{t('notifications.blocked')}</p>;
  if (settings.notifications === 'declined') return null;
  return (
    <div class="notice notice--info">
      <p>{t('notifications.why')}</p>
      <div class="button-row">
        <button
          type="button"
          class="button button--small"
          onClick={async () => {
            const result = await requestNotificationPermission();
            setPermission(result);
            await updateSettings({ notifications: result === 'granted' ? 'enabled' : 'declined' });
          }}
        >
          {t('notifications.allow')}
        </button>
        <button type="button" class="button button--small button--quiet" onClick={() => void updateSettings({ notifications: 'declined' })}>
          {t('notifications.notNow')}
        </button>
      </div>
    </div>
  );
}
