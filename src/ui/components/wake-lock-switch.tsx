// "Keep the screen on" during a countdown, where the browser has the Screen Wake Lock API.
import { useSettings } from '../hooks/use-settings';
import { useT } from '../hooks/use-t';
import { useWakeLock } from '../hooks/use-wake-lock';

/**
 * `holdsLock`: set where a countdown is on screen; elsewhere (settings) the switch is only the preference.
 * `title`: a heading shown with the switch, so none is left standing over nothing where the browser has no wake lock.
 */
export function WakeLockSwitch({ holdsLock = false, title }: { holdsLock?: boolean; title?: string }) {
  const t = useT();
  const { settings, updateSettings } = useSettings();
  const { supported, active } = useWakeLock(holdsLock && settings.wakeLock);
  if (!supported) return null;
  // The switch keeps one name (what it does); whether the screen is held right now is said beside it.
  return (
    <>
      {title ? <h2>{title}</h2> : null}
      <label class="choice switch">
        <input type="checkbox" role="switch" checked={settings.wakeLock} onChange={(event) => void updateSettings({ wakeLock: event.currentTarget.checked })} />
        <span>{t('wakeLock.label')}</span>
      </label>
      {active ? (
        <p class="muted" role="status">
          {t('wakeLock.on')}
        </p>
      ) : null}
    </>
  );
}
