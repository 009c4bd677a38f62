// "Not sure which MINI?": model code, or body style and year, then one question the owner can see; the answer with what decided it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { BODY_STYLES, BODY_STYLE_KEYS, MODEL_YEARS, SOURCES, generationEntry, parseModelCode } from '../../../domain/catalogue';
import type { GenerationId } from '../../../domain/generations';
import { ANSWER_KEYS, CUE_FACTS, QUESTION_KEYS, VISIBLE_QUESTIONS, identify, type Cue, type IdentifyInput, type VisibleQuestion } from '../../../domain/identify';
import { Badged, ConfidenceBadge } from '../fact-list';
import { useDomainT, useT } from '../../hooks/use-t';

const YEARS: readonly number[] = Array.from({ length: MODEL_YEARS.to - MODEL_YEARS.from + 1 }, (_, i) => MODEL_YEARS.to - i);

/** "Not sure which MINI?": the questions of domain/identify, one at a time, and the answer with what decided it. */
export function GenerationPicker({ onPicked, onCancel }: { onPicked: (generation: GenerationId, vinBound: boolean, model?: string) => void; onCancel: () => void }) {
  const t = useT();
  const dt = useDomainT();
  const [input, setInput] = useState<IdentifyInput>({});
  const [chosenYear, setChosenYear] = useState('');
  const result = identify(input);
  const question = result.kind === 'ask' ? result.question : null;
  const nameOf = (id: GenerationId) => dt(generationEntry(id).nameKey, { ns: 'guide' });

  // Each answer replaces the control that was used: take the focus to the next question (or the result).
  const pickerRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // No match: the reason itself takes the focus (it has no control of its own), so the reader hears it and goes on from there.
    const target = result.kind === 'none' ? '.picker__now [role="alert"]' : '.picker__now button, .picker__now select';
    pickerRef.current?.querySelector<HTMLElement>(target)?.focus();
  }, [question, result.kind]);

  return (
    <div class="picker" ref={pickerRef}>
      <div class="picker__now">
        {result.kind === 'none' ? (
          <p class="notice notice--warn" role="alert" tabIndex={-1}>
            {dt(result.reasonKey, { ns: 'guide', ...result.params })}
          </p>
        ) : null}
        {result.kind === 'found' ? (
          <div class="notice notice--ok" role="status">
            <p>{t('case.pickerResult', { name: nameOf(result.generation) })}</p>
            <p>{t('case.pickerModels', { codes: result.models.join(', ') })}</p>
            {/* The speedometer caveat matters only when "behind the wheel" sent the owner to the newer generation. */}
            <DecidedBy cues={result.decidedBy} showCaveats={input.speedometer === 'behindWheel'} />
            <button type="button" class="button" onClick={() => onPicked(result.generation, result.unit !== null, result.models.length === 1 ? result.models[0] : undefined)}>
              {t('case.pickerUse')}
            </button>
          </div>
        ) : null}
        {question === 'body' ? (
          <ChoiceQuestion legendKey={QUESTION_KEYS.body} options={BODY_STYLES} labelKeys={BODY_STYLE_KEYS} onChoose={(body) => setInput({ ...input, body })} />
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
            <label for="picker-year">{dt(QUESTION_KEYS.year, { ns: 'guide' })}</label>
            <select id="picker-year" value={chosenYear} onChange={(event) => setChosenYear(event.currentTarget.value)}>
              <option value="" disabled>
                {t('case.pickerYear')}
              </option>
              {YEARS.map((year) => (
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
        {question === 'speedometer' || question === 'ignitionKey' ? <CueQuestion question={question} onAnswer={(answer) => setInput({ ...input, [question]: answer })} /> : null}
        {question === 'nbtEvo' ? (
          <fieldset class="field">
            <legend>{dt(QUESTION_KEYS.nbtEvo, { ns: 'guide' })}</legend>
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
        {result.kind === 'found' && result.alternatives.length > 0 ? (
          <div class="picker__otherwise">
            <p>{t('case.pickerOtherwise')}</p>
            <ul class="link-list">
              {result.alternatives.map((id) => (
                <li key={id}>
                  <button type="button" class="list-button" onClick={() => onPicked(id, false)}>
                    <strong>{nameOf(id)}</strong>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {Object.keys(input).length === 0 ? <ModelCodeForm onCode={(modelCode) => setInput({ modelCode })} /> : null}
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

/** Which cue decided, each with its confidence and sources (a cue without a source would show as reported). */
function DecidedBy({ cues, showCaveats }: { cues: readonly Cue[]; showCaveats: boolean }) {
  const t = useT();
  const dt = useDomainT();
  return (
    <div class="picker__cues">
      <p>{t('case.pickerDecidedBy')}</p>
      <ul class="fact-list">
        {cues.map((cue) => {
          const facts = CUE_FACTS[cue];
          return (
            <li key={cue}>
              <Badged text={dt(facts.key, { ns: 'guide' })} confidence={facts.sources.length > 0 ? facts.confidence : 'reported'} />{' '}
              <SourceDomains sources={facts.sources} />
              {facts.caveatKey && showCaveats ? <p class="muted">{dt(facts.caveatKey, { ns: 'guide' })}</p> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function SourceDomains({ sources }: { sources: readonly (keyof typeof SOURCES)[] }) {
  const names = sources.map((id) => SOURCES[id].domain ?? SOURCES[id].name);
  return names.length > 0 ? <span class="muted">({names.join(', ')})</span> : null;
}

/** A question the owner answers by looking at the car, with its source and, for the speedometer, the caveat. */
function CueQuestion<Q extends VisibleQuestion>({ question, onAnswer }: { question: Q; onAnswer: (answer: (typeof VISIBLE_QUESTIONS)[Q][number]) => void }) {
  const dt = useDomainT();
  const facts = CUE_FACTS[question];
  const answers = VISIBLE_QUESTIONS[question] as readonly (typeof VISIBLE_QUESTIONS)[Q][number][];
  const labelKeys = ANSWER_KEYS[question] as Readonly<Record<(typeof VISIBLE_QUESTIONS)[Q][number], string>>;
  return (
    <div>
      <ChoiceQuestion legendKey={QUESTION_KEYS[question]} options={answers} labelKeys={labelKeys} onChoose={onAnswer} />
      <p class="muted">
        <ConfidenceBadge confidence={facts.confidence} /> <SourceDomains sources={facts.sources} />
      </p>
      {facts.caveatKey ? <p class="notice notice--info">{dt(facts.caveatKey, { ns: 'guide' })}</p> : null}
    </div>
  );
}

/** The model code typed directly: R56, r56, "F 56" … */
function ModelCodeForm({ onCode }: { onCode: (code: NonNullable<IdentifyInput['modelCode']>) => void }) {
  const t = useT();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      class="field picker__code"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const code = parseModelCode(value);
        if (code) onCode(code);
        else setProblem(t('case.pickerCodeUnknown', { code: value.trim() }));
      }}
    >
      <label for="picker-model-code">{t('case.pickerModelCode')}</label>
      <input
        id="picker-model-code"
        autoComplete="off"
        autoCapitalize="characters"
        spellcheck={false}
        value={value}
        aria-invalid={problem ? 'true' : 'false'}
        aria-describedby="picker-model-code-note"
        onInput={(event) => {
          setValue(event.currentTarget.value);
          setProblem(null);
        }}
      />
      {problem ? (
        <p id="picker-model-code-note" class="field__error" role="alert">
          {problem}
        </p>
      ) : (
        <p id="picker-model-code-note" class="field__hint">
          {t('case.pickerModelCodeHint')}
        </p>
      )}
      <button type="submit" class="button button--quiet">
        {t('case.pickerModelCodeGo')}
      </button>
    </form>
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
