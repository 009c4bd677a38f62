// Placeholder replaced as the feature lands.
import { useT } from '../hooks/use-t';

export function GuideScreen() {
  const t = useT();
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('app.name')}</h1>
    </section>
  );
}
