// Which MINI is it? Pick a generation from the list, or answer a few questions ("not sure"); a late F60 may be VIN-bound.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { GENERATIONS } from '../../../domain/catalogue';
import type { GenerationId } from '../../../domain/generations';
import { useDomainT, useT } from '../../hooks/use-t';
import { GenerationPicker } from './generation-picker';
import type { StepProps } from './step-props';

export function IdentifyStep({ send }: StepProps) {
  const t = useT();
  const dt = useDomainT();
  const [picking, setPicking] = useState(false);
  const [askVin, setAskVin] = useState<GenerationId | null>(null);

  const choose = (generation: GenerationId, vinBound = false, model?: string) =>
    void send({ type: 'generation.chosen', generation, unit: vinBound ? 'f60-nbt-evo' : null, ...(model ? { model } : {}) });

  if (askVin) {
    return (
      <div>
        <Question>{t('case.askVinBound')}</Question>
        <div class="button-row">
          <button type="button" class="button" onClick={() => choose(askVin, true)}>
            {t('case.yes')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => choose(askVin, false)}>
            {t('case.no')}
          </button>
        </div>
      </div>
    );
  }

  if (picking) return <GenerationPicker onPicked={(generation, vinBound, model) => choose(generation, vinBound, model)} onCancel={() => setPicking(false)} />;

  return (
    <div>
      <ul class="link-list">
        {GENERATIONS.map((generation) => (
          <li key={generation.id}>
            <button
              type="button"
              class="list-button"
              onClick={() => (generation.vinBoundUnit ? setAskVin(generation.id) : choose(generation.id))}
            >
              <strong>{dt(generation.nameKey, { ns: 'guide' })}</strong>
              <span class="muted">{dt(generation.summaryKey, { ns: 'guide' })}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="button button--quiet button--block" onClick={() => setPicking(true)}>
        {t('case.notSure')}
      </button>
    </div>
  );
}

/** The question that replaced the pressed button: it takes the focus, so it is read first and Tab goes on to the answers. */
function Question({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <p class="lead" tabIndex={-1} ref={ref}>
      {children}
    </p>
  );
}
