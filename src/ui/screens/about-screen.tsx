// About: what the app is, privacy, where the facts come from, and the version.
import { useT } from '../hooks/use-t';

export function AboutScreen() {
  const t = useT();
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('about.title')}</h1>
      <p class="lead">{t('about.lead')}</p>
      <h2>{t('about.privacyTitle')}</h2>
      <p>{t('about.privacy')}</p>
      <h2>{t('about.sourcesTitle')}</h2>
      <p>{t('about.sources')}</p>
      <p class="muted">{t('about.version', { version: __APP_VERSION__ })}</p>
    </section>
  );
}
