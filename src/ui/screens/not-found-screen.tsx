// Shown for any path the router does not know.
import { useT } from '../hooks/use-t';

export function NotFoundScreen() {
  const t = useT();
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <a class="button" href="/">
        {t('notFound.home')}
      </a>
    </section>
  );
}
