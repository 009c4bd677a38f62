// The reference page for one generation: serial, code entry, attempts and lockout, display messages, notes and sources.
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import {
  DISPLAY_CATALOGUE,
  GENERAL_FACTS,
  MODELS,
  SOURCES,
  generationEntry,
  type GenerationEntry,
  type SourceId,
} from '../../domain/catalogue';
import { CodeNeedDisputeNotice } from '../components/code-need-dispute';
import { ENTRY_STYLE_INFO } from '../../domain/entry-coach';
import { isGenerationId } from '../../domain/generations';
import { StorageErrorNotice } from '../components/storage-error-notice';
import { Badged, ConfidenceBadge, FactLine, FactList } from '../components/fact-list';
import { SerialMethods } from '../components/serial-methods';
import { AdoptLater } from '../components/adopt-later';
import { useDomainT, useT } from '../hooks/use-t';
import { NotFoundScreen } from './not-found-screen';

/** "Hatch (One, Cooper)", "Clubman": the body style, then the trims the catalogue names (one that repeats the body is left out). */
function modelDescription(model: GenerationEntry['models'][number], bodyLabel: string): string {
  const trims = model.trims.filter((trim) => trim.toLowerCase() !== bodyLabel.toLowerCase());
  return trims.length > 0 ? `${bodyLabel} (${trims.join(', ')})` : bodyLabel;
}

function sourcesOf(entry: GenerationEntry): SourceId[] {
  const ids = new Set<SourceId>();
  const add = (sources: readonly SourceId[]) => sources.forEach((id) => ids.add(id));
  entry.models.forEach((m) => add(m.sources));
  add(entry.years.sources);
  entry.headUnits.forEach((h) => add(h.sources));
  entry.serial.forEach((s) => add(s.sources));
  entry.entry.forEach((e) => add(e.sources));
  add(entry.attemptLimit.sources);
  add(entry.lockoutMinutes.sources);
  if (entry.dispute) add(entry.dispute.sources);
  MODELS.filter((m) => m.generation === entry.id).forEach((m) => add(m.sources));
  if (entry.vinBoundUnit) add(entry.vinBoundUnit.sources);
  entry.notes.forEach((n) => add(n.sources));
  DISPLAY_CATALOGUE.forEach((d) => add(d.sources));
  GENERAL_FACTS.forEach((f) => add(f.sources));
  return [...ids];
}

export function GuideScreen() {
  const { params } = useRoute();
  const id = params.generation;
  if (!isGenerationId(id)) return <NotFoundScreen />;
  return <GenerationGuide entry={generationEntry(id)} />;
}

function GenerationGuide({ entry }: { entry: GenerationEntry }) {
  const t = useT();
  const dt = useDomainT();
  const { route } = useLocation();
  const g = (key: string, params?: Record<string, unknown>) => dt(key, { ns: 'guide', ...params });

  const [error, setError] = useState<unknown>(undefined);
  const start = async () => {
    try {
      const { startNewCar } = await import('../new-car'); // device storage loads on the first tap, not with the page
      route(`/case/${await startNewCar(entry.id)}`);
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <article class="screen guide">
      <h1 tabIndex={-1}>{g(entry.nameKey)}</h1>
      <p class="lead">{g(entry.summaryKey)}</p>
      <button type="button" class="button button--block no-print" onClick={() => void start()}>
        {t('guide.start')}
      </button>
      {error !== undefined ? <StorageErrorNotice error={error} /> : null}

      <AdoptLater order={0}>
        <section>
          <h2>{t('guide.models')}</h2>
          <ul class="fact-list">
            {entry.models.map((model) => {
              const built = MODELS.find((m) => m.code === model.code);
              return (
                <li key={model.code}>
                  <strong>{model.code}</strong>
                  <Badged text={` ${modelDescription(model, g(`picker.body.${model.body}`))}`} confidence={model.confidence} />
                  {built ? (
                    <span>
                      <Badged text={`· ${t('guide.years', { from: built.production.from, to: built.production.to })}`} confidence={built.confidence} />
                    </span>
                  ) : null}
                </li>
              );
            })}
            <li>
              <Badged text={t('guide.years', { from: entry.years.value.from, to: entry.years.value.to })} confidence={entry.years.confidence} />
            </li>
            <li>
              {`${t('guide.headUnits')} ${entry.headUnits.map((unit) => g(unit.nameKey)).join(', ')}`}
            </li>
          </ul>
        </section>
      </AdoptLater>
      <AdoptLater order={1}>
        <section>
          <h2>{t('guide.needsCode')}</h2>
          <CodeNeedDisputeNotice generation={entry.id} />
          {entry.vinBoundUnit ? (
            <p class="notice notice--warn">
              <strong>{g(entry.vinBoundUnit.nameKey)}</strong>
              <Badged text={` — ${g(entry.vinBoundUnit.noteKey)}`} confidence={entry.vinBoundUnit.confidence} />
            </p>
          ) : null}
        </section>
      </AdoptLater>
      <AdoptLater order={2}>
        <section>
          <h2>{t('guide.serial')}</h2>
          <SerialMethods generation={entry.id} />
        </section>
      </AdoptLater>
      <AdoptLater order={3}>
        <section>
          <h2>{t('guide.entry')}</h2>
          {entry.entry.map((method) => (
            <section key={method.style} class="card">
              <h3>
                <Badged text={g(ENTRY_STYLE_INFO[method.style].nameKey)} confidence={method.confidence} />
              </h3>
              <p>{g(ENTRY_STYLE_INFO[method.style].summaryKey)}</p>
              {method.noteKey ? <p class="muted">{g(method.noteKey)}</p> : null}
            </section>
          ))}
        </section>
      </AdoptLater>
      <AdoptLater order={4}>
        <section>
          <h2>{t('guide.attempts')}</h2>
          <ul class="fact-list">
            <li>
              <Badged text={t('guide.attemptLimit', { count: entry.attemptLimit.value })} confidence={entry.attemptLimit.confidence} />
              {entry.attemptLimit.noteKey ? <p class="muted">{g(entry.attemptLimit.noteKey)}</p> : null}
            </li>
            <li>
              <Badged text={t('guide.lockout', { minutes: entry.lockoutMinutes.value })} confidence={entry.lockoutMinutes.confidence} />
            </li>
          </ul>
          <FactList facts={GENERAL_FACTS.filter((fact) => fact.key !== entry.attemptLimit.noteKey)} />
        </section>
      </AdoptLater>
      <AdoptLater order={5}>
        <section>
          <h2>{t('guide.display')}</h2>
          <dl class="display-list">
            {DISPLAY_CATALOGUE.map((display) => (
              <div key={display.message} class="card">
                <dt>
                  <span class="display-word">{g(display.labelKey)}</span> <ConfidenceBadge confidence={display.confidence} />
                </dt>
                <dd>
                  <p>{g(display.meaningKey)}</p>
                  <p>
                    <strong>{t('guide.whatToDo')}</strong>
                    {` ${g(display.actionKey)}`}
                  </p>
                  {display.notes.map((note) => (
                    <p key={note.key} class="muted">
                      <FactLine fact={note} />
                    </p>
                  ))}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </AdoptLater>
      {entry.notes.length > 0 ? (
          <AdoptLater order={6}>
            <section>
              <h2>{t('guide.notes')}</h2>
              <FactList facts={entry.notes} />
            </section>
          </AdoptLater>
      ) : null}
      <AdoptLater order={7}>
        <section>
          <h2>{t('guide.sources')}</h2>
          <p class="muted">{t('guide.sourcesLead')}</p>
          <ul class="sources">
            {sourcesOf(entry).map((id) => (
              <li key={id}>
                {SOURCES[id].name}
                {SOURCES[id].domain ? <span class="muted">{` (${SOURCES[id].domain})`}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      </AdoptLater>
    </article>
  );
}
