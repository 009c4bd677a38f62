// Asks for notification permission at the moment it helps (a countdown is running), and says why.
import { useNotificationChoice } from '../hooks/use-notification-choice';
import { useT } from '../hooks/use-t';

export function NotificationOffer() {
  const t = useT();
  const { permission, choice, turnOn, turnOff } = useNotificationChoice();
  if (permission === 'unsupported') return null;
  if (permission === 'granted' && choice === 'enabled') return <p class="muted">{t('notifications.on')}</p>;
  if (permission === 'denied') return <p class="muted">{t('notifications.blocked')}</p>;
  if (choice === 'declined') return null;
  return (
    <div class="notice notice--info">
      <p>{t('notifications.why')}</p>
      <div class="button-row">
        <button
          type="button"
          class="button button--small"
          onClick={() => void turnOn()}
        >
          {t('notifications.allow')}
        </button>
        <button type="button" class="button button--small button--quiet" onClick={() => void turnOff()}>
          {t('notifications.notNow')}
        </button>
      </div>
    </div>
  );
}
