// Which MINI is it? Pick a generation, or answer a few questions ("not sure"); a late F60 may be VIN-bound.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  BODY_STYLE_KEYS,
  GENERATIONS,
  PICKER_YEAR_RANGE,
  PICK_QUESTION_KEYS,
  RADIO_LOOKS,
  RADIO_LOOK_KEYS,
  pickGeneration,
  type BodyStyle,
  type PickInput,
} from '../../../domain/catalogue';
import type { GenerationId } from '../../../domain/generations';
import { useDomainT, useT } from '../../hooks/use-t';
import type { StepProps } from './step-props';

const PICKER_BODIES: readonly BodyStyle[] = ['hatch', 'hatch5', 'convertible', 'coupe', 'roadster', 'clubman', 'countryman', 'paceman'];

export function IdentifyStep({ send }: StepProps) {
  const t = useT();
  const dt = useDomainT();
  const [picking, setPicking] = useState(false);
  const [askVin, setAskVin] = useState<GenerationId | null>(null);

  const choose = (generation: GenerationId, vinBound = false) =>
    void send({ type: 'generation.chosen', generation, unit: vinBound ? 'f60-nbt-evo' : null });

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

  if (picking) return <GenerationPicker onPicked={(generation, vinBound) => choose(generation, vinBound)} onCancel={() => setPicking(false)} />;

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

function GenerationPicker({ onPicked, onCancel }: { onPicked: (generation: GenerationId, vinBound: boolean) => void; onCancel: () => void }) {
  const t = useT();
  const dt = useDomainT();
  const [input, setInput] = useState<PickInput>({});
  const [chosenYear, setChosenYear] = useState('');
  const result = pickGeneration(input);
  const years: number[] = [];
  for (let year = PICKER_YEAR_RANGE.to; year >= PICKER_YEAR_RANGE.from; year--) years.push(year);

  // The VIN-bound answer only counts for a known body and year, so ask those before NBT EVO.
  const asked = result.kind === 'none' ? null : result.ask;
  const question = asked === 'nbtEvo' && input.body === undefined ? 'body' : asked === 'nbtEvo' && input.year === undefined ? 'year' : asked;

  // Each answer replaces the control that was used: take the focus to the next question (or the result).
  const pickerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    pickerRef.current?.querySelector<HTMLElement>('button, select')?.focus();
  }, [question, result.kind]);

  return (
    <div class="picker" ref={pickerRef}>
      {result.kind === 'none' ? (
        <p class="notice notice--warn" role="alert">
          {dt(result.reasonKey, { ns: 'guide' })}
        </p>
      ) : null}
      {result.kind === 'one' && result.ask === null ? (
        <div class="notice notice--ok" role="status">
          <p>{t('case.pickerResult', { name: dt(GENERATIONS.find((g) => g.id === result.generation)?.nameKey ?? '', { ns: 'guide' }) })}</p>
          <button type="button" class="button" onClick={() => onPicked(result.generation, result.unit !== null)}>
            {t('case.pickerUse')}
          </button>
        </div>
      ) : null}
      {question === 'body' ? (
        <ChoiceQuestion legendKey={PICK_QUESTION_KEYS.body} options={PICKER_BODIES} labelKeys={BODY_STYLE_KEYS} onChoose={(body) => setInput({ ...input, body })} />
      ) : null}
      {question === 'year' ? (
        // A year is confirmed with Next, not on change: arrow keys on a closed select fire change at every step.
        <form
          class="field"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosenYear) setInput({ ...input, year: Number(chosenYear) });
            else document.getElementById('picker-year')?.focus();
          }}
        >
          <label for="picker-year">{dt(PICK_QUESTION_KEYS.year, { ns: 'guide' })}</label>
          <select id="picker-year" value={chosenYear} onChange={(event) => setChosenYear(event.currentTarget.value)}>
            <option value="" disabled>
              {t('case.pickerYear')}
            </option>
            {years.map((year) => (
              <option key={year} value={year}>
                {year}
              </option>
            ))}
          </select>
          <button type="submit" class="button">
            {t('case.pickerNext')}
          </button>
        </form>
      ) : null}
      {question === 'look' ? (
        <ChoiceQuestion legendKey={PICK_QUESTION_KEYS.look} options={RADIO_LOOKS} labelKeys={RADIO_LOOK_KEYS} onChoose={(look) => setInput({ ...input, look })} />
      ) : null}
      {question === 'nbtEvo' && result.kind === 'one' ? (
        <fieldset class="field">
          <legend>{dt(PICK_QUESTION_KEYS.nbtEvo, { ns: 'guide' })}</legend>
          <div class="button-row">
            <button type="button" class="button" onClick={() => setInput({ ...input, nbtEvo: true })}>
              {t('case.yes')}
            </button>
            <button type="button" class="button button--quiet" onClick={() => setInput({ ...input, nbtEvo: false })}>
              {t('case.no')}
            </button>
          </div>
        </fieldset>
      ) : null}
      {result.kind === 'several' && result.ask === null ? (
        <ul class="link-list">
          {result.generations.map((id) => (
            <li key={id}>
              <button type="button" class="list-button" onClick={() => onPicked(id, false)}>
                <strong>{dt(GENERATIONS.find((g) => g.id === id)?.nameKey ?? '', { ns: 'guide' })}</strong>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div class="button-row">
        {Object.keys(input).length > 0 ? (
          <button
            type="button"
            class="button button--quiet"
            onClick={() => {
              setInput({});
              setChosenYear('');
            }}
          >
            {t('case.pickerReset')}
          </button>
        ) : null}
        <button type="button" class="button button--quiet" onClick={onCancel}>
          {t('case.pickerBack')}
        </button>
      </div>
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

/** One picker question answered with a large button per option. */
function ChoiceQuestion<T extends string>({
  legendKey,
  options,
  labelKeys,
  onChoose,
}: {
  legendKey: string;
  options: readonly T[];
  labelKeys: Readonly<Record<T, string>>;
  onChoose: (option: T) => void;
}) {
  const dt = useDomainT();
  return (
    <fieldset class="field">
      <legend>{dt(legendKey, { ns: 'guide' })}</legend>
      <ul class="choice-grid">
        {options.map((option) => (
          <li key={option}>
            <button type="button" class="button button--quiet" onClick={() => onChoose(option)}>
              {dt(labelKeys[option], { ns: 'guide' })}
            </button>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
