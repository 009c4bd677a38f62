// Settings' control for countdown notices: on and off at any time (the offer during a wait can be declined for good).
import { useState } from 'preact/hooks';
import { notificationPermission, requestNotificationPermission, type NotificationPermissionState } from '../notifications';
import { useSettings } from '../hooks/use-settings';
import { useT } from '../hooks/use-t';

export function NotificationSwitch() {
  const t = useT();
  const { settings, updateSettings } = useSettings();
  const [permission, setPermission] = useState<NotificationPermissionState>(notificationPermission);
  if (permission === 'unsupported') return <p class="muted">{t('settings.notificationsUnsupported')}</p>;
  if (permission === 'denied') return <p class="muted">{t('notifications.blocked')}</p>;
  const on = permission === 'granted' && settings.notifications !== 'declined';
  return (
    <label class="choice switch">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        onChange={async (event) => {
          if (!event.currentTarget.checked) {
            await updateSettings({ notifications: 'declined' });
            return;
          }
          const result = permission === 'granted' ? permission : await requestNotificationPermission();
          setPermission(result);
          await updateSettings({ notifications: result === 'granted' ? 'enabled' : 'declined' });
        }}
      />
      <span>{t('settings.notificationsSwitch')}</span>
    </label>
  );
}
