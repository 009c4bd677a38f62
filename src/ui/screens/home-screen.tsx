// Home: start a diagnosis, the open cases, and the guides per generation.
import { GENERATION_IDS } from '../../domain/generations';
import { useT } from '../hooks/use-t';

export function HomeScreen() {
  const t = useT();
  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <h2>{t('home.guidesTitle')}</h2>
      <p>{t('home.guidesLead')}</p>
      <ul class="link-list">
        {GENERATION_IDS.map((id) => (
          <li key={id}>
            <a href={`/guide/${id}`}>{id.toUpperCase()}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
