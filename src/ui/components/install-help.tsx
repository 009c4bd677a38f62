// Install help: the browser's own prompt where it exists, the Share → Add to Home Screen steps on iOS.
import { useEffect, useState } from 'preact/hooks';
import { installState, promptInstall, subscribeInstall, type InstallState } from '../install-prompt';
import { useSettings } from '../hooks/use-settings';
import { useT } from '../hooks/use-t';

/** `title`: a heading shown with the help, so no heading is left standing over nothing where installing is not offered. */
export function InstallHelp({ dismissible = false, title }: { dismissible?: boolean; title?: string }) {
  const t = useT();
  const { settings, updateSettings } = useSettings();
  const [state, setState] = useState<InstallState>('unavailable');
  useEffect(() => {
    setState(installState());
    return subscribeInstall(() => setState(installState()));
  }, []);
  if (dismissible && settings.installHintDismissed) return null;
  if (state === 'unavailable' || (state === 'installed' && dismissible)) return null;
  return (
    <>
      {title ? <h2>{title}</h2> : null}
      <section class="notice notice--info install-help">
        {state === 'installed' ? <p>{t('install.installed')}</p> : null}
        {state === 'promptable' ? (
          <>
            <p>{t('install.why')}</p>
            <button type="button" class="button button--small" onClick={() => void promptInstall()}>
              {t('install.button')}
            </button>
          </>
        ) : null}
        {state === 'ios' ? (
          <>
            <p>{t('install.why')}</p>
            <ol>
              <li>{t('install.iosShare')}</li>
              <li>{t('install.iosAdd')}</li>
              <li>{t('install.iosConfirm')}</li>
            </ol>
          </>
        ) : null}
        {dismissible ? (
          <button type="button" class="button button--small button--quiet" onClick={() => void updateSettings({ installHintDismissed: true })}>
            {t('install.dismiss')}
          </button>
        ) : null}
      </section>
    </>
  );
}
