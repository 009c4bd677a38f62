// Settings' control for countdown notices: on and off at any time (the offer during a wait can be declined for good).
import { useNotificationChoice } from '../hooks/use-notification-choice';
import { useT } from '../hooks/use-t';

export function NotificationSwitch() {
  const t = useT();
  const { permission, choice, turnOn, turnOff } = useNotificationChoice();
  if (permission === 'unsupported') return <p class="muted">{t('settings.notificationsUnsupported')}</p>;
  if (permission === 'denied') return <p class="muted">{t('notifications.blocked')}</p>;
  const on = permission === 'granted' && choice !== 'declined';
  return (
    <label class="choice switch">
      <input
        type="checkbox"
        role="switch"
        checked={on}
        onChange={(event) => void (event.currentTarget.checked ? turnOn() : turnOff())}
      />
      <span>{t('settings.notificationsSwitch')}</span>
    </label>
  );
}
