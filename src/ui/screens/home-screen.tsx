// Home: start a diagnosis, every open car sorted by what needs attention next, and the guides per generation.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { GENERATIONS } from '../../domain/catalogue';
import { useCases } from '../hooks/use-cases';
import { useLazyComponent } from '../hooks/use-lazy-component';
import { CaseListsPart } from '../home-parts';
import { useDomainT, useT } from '../hooks/use-t';
import { forgetDeleted, subscribeDeleted, undoDelete, type DeletedCase } from '../undo-delete';
import { StorageErrorNotice } from '../components/storage-error-notice';
import { useSettings } from '../hooks/use-settings';

export function HomeScreen() {
  const t = useT();
  const dt = useDomainT();
  const { route } = useLocation();
  const cases = useCases(true);
  const all = cases.status === 'ready' ? cases.value : [];
  const open = all.filter((c) => c.archivedAt === undefined);
  const archived = all.filter((c) => c.archivedAt !== undefined);
  // Installing is worth suggesting once the app has helped with a car (every order belongs to one), not on a first visit.
  const hasBeenUseful = all.length > 0;
  // The lists and the install hint show only with cars on the device: their code is no part of the screen's (the
  // list's is fetched with the screen's follow-ups, home-parts.ts, so it is at hand when the cars are).
  const CaseLists = useLazyComponent(CaseListsPart);
  const InstallHelp = useLazyComponent(() => import('../components/install-help').then((m) => m.InstallHelp));
  const [error, setError] = useState<unknown>(undefined);
  const { settings } = useSettings();
  const [notPersisted, setNotPersisted] = useState(false);
  useEffect(() => {
    if (settings.persistRequested) void navigator.storage?.persisted?.().then((persisted) => setNotPersisted(!persisted));
  }, [settings.persistRequested]);

  const startCase = async () => {
    try {
      const { startNewCar } = await import('../new-car'); // device storage loads on the first tap, not with the page
      route(`/case/${await startNewCar()}`);
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <section class="screen">
      <h1 tabIndex={-1}>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <button type="button" class="button button--block" onClick={startCase}>
        {open.length === 0 ? t('home.start') : t('home.startAnother')}
      </button>
      {error !== undefined ? <StorageErrorNotice error={error} /> : null}
      {cases.status === 'error' ? <StorageErrorNotice error={cases.error} /> : null}
      <UndoDeleteToast />

      {CaseLists && all.length > 0 ? <CaseLists open={open} archived={archived} /> : null}

      {InstallHelp && hasBeenUseful ? <InstallHelp dismissible /> : null}
      {notPersisted && open.length > 0 ? (
        <p class="muted" data-testid="storage-note">
          {t('home.notPersisted')} <a href="/settings">{t('home.keepData')}</a>
        </p>
      ) : null}

      <h2 id="guides">{t('home.guidesTitle')}</h2>
      <p>{t('home.guidesLead')}</p>
      <ul class="link-list">
        {GENERATIONS.map((generation) => (
          <li key={generation.id}>
            <a href={`/guide/${generation.id}`}>
              <strong>{dt(generation.nameKey, { ns: 'guide' })}</strong>
              <span class="muted">{dt(generation.summaryKey, { ns: 'guide' })}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** In the flow under the start button (never over the list); it stays until closed or the user leaves Home, so nothing jumps under a finger. */
function UndoDeleteToast() {
  const t = useT();
  const [deleted, setDeleted] = useState<DeletedCase | undefined>(undefined);
  useEffect(() => {
    const unsubscribe = subscribeDeleted(setDeleted);
    return () => {
      unsubscribe();
      forgetDeleted();
    };
  }, []);
  if (!deleted) return null;
  return (
    <div class="toast" role="status">
      <span>
        {deleted.withdrawnOrders.length > 0 ? t('cases.deletedWithOrder', { label: deleted.radioCase.label }) : t('cases.deleted', { label: deleted.radioCase.label })}
      </span>
      <span class="toast__actions">
        <button
          type="button"
          class="button button--small"
          onClick={async () => {
            const id = deleted.radioCase.id;
            await undoDelete();
            // The toast (and its focused button) goes: the focus moves to the car that came back, once the list shows it.
            focusWhenShown(`.case-item__link[href="/case/${id}"]`);
          }}
        >
          {t('cases.undo')}
        </button>
        <button type="button" class="button button--small button--quiet" onClick={forgetDeleted}>
          {t('pwa.dismiss')}
        </button>
      </span>
    </div>
  );
}

/** Focuses the element once it is rendered (the live list follows the database a few frames later); gives up after about a second. */
function focusWhenShown(selector: string, framesLeft = 60): void {
  const element = document.querySelector<HTMLElement>(selector);
  if (element) element.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusWhenShown(selector, framesLeft - 1));
}
