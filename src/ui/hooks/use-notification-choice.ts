// The browser's notification permission with the user's choice, and turning notices on or off: the offer during a wait
// and Settings' switch both use it, so they ask and record the same way.
import { useState } from 'preact/hooks';
import { notificationPermission, requestNotificationPermission, type NotificationPermissionState } from '../notifications';
import { useSettings } from './use-settings';

export function useNotificationChoice() {
  const { settings, updateSettings } = useSettings();
  const [permission, setPermission] = useState<NotificationPermissionState>(() =>
    typeof window === 'undefined' ? 'unsupported' : notificationPermission(),
  );
  /** Asks the browser unless it already allows notices; the choice follows its answer. */
  const turnOn = async (): Promise<void> => {
    const result = permission === 'granted' ? permission : await requestNotificationPermission();
    setPermission(result);
    await updateSettings({ notifications: result === 'granted' ? 'enabled' : 'declined' });
  };
  const turnOff = (): Promise<unknown> => updateSettings({ notifications: 'declined' });
  return { permission, choice: settings.notifications, turnOn, turnOff };
}
