// "Do you have the code?" and the entry coach: the code as exact button presses, tries left, and the radio's answer.
import { useEffect, useRef, useState } from 'preact/hooks';
import { generationEntry, primaryEntryStyle } from '../../../domain/catalogue';
import { ATTEMPTS_LEFT_KEY, LAST_ATTEMPT_KEY, LOCKOUT_MESSAGES, isValidCode, timesRejected } from '../../../domain/diagnosis-machine';
import { DIGIT_STARTS, ENTRY_STYLE_INFO, coachCode, digitOutsideOneToSix, normaliseCode, type DigitStart, type EntryStyle } from '../../../domain/entry-coach';
import { CodeCheck, ReadBack } from '../code-check';
import { Badged, FactLine } from '../fact-list';
import { useDomainT, useT } from '../../hooks/use-t';
import type { StepProps } from './step-props';
import { codeNeedDisputed } from './dispute-step';

export function HaveCodeStep({ radioCase, send }: StepProps) {
  const t = useT();
  // 'asked': the user pressed "Yes", so the field that replaces the button takes the focus.
  const [typing, setTyping] = useState<boolean | 'asked'>(radioCase.deliveredCode !== undefined);
  if (typing) return <CodeInput initial={radioCase.deliveredCode ?? ''} autoFocus={typing === 'asked'} onCode={(code) => void send({ type: 'code.known', code })} />;
  return (
    <div class="button-row">
      <button type="button" class="button" onClick={() => setTyping('asked')}>
        {t('case.haveCodeYes')}
      </button>
      <button type="button" class="button button--quiet" onClick={() => void send({ type: 'code.unknown', codeNeedDisputed: codeNeedDisputed(radioCase) })}>
        {t('case.haveCodeNo')}
      </button>
    </div>
  );
}

/** A code field that names the problem (letters, length) before anything is sent. */
export function CodeInput({ initial, onCode, submitLabel, autoFocus = false }: { initial: string; onCode: (code: string) => void; submitLabel?: string; autoFocus?: boolean }) {
  const t = useT();
  const dt = useDomainT();
  const [value, setValue] = useState(initial);
  // Shown in place of the button just pressed: without this, focus would fall back to the page's start.
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) inputRef.current?.focus();
  }, []);
  const [touched, setTouched] = useState(false);
  const code = normaliseCode(value);
  const check = coachCode(code, 'controller');
  const problem = !check.ok && touched ? dt(check.detail.key, { ns: 'guide', ...check.detail.params }) : null;
  return (
    <form
      class="code-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTouched(true);
        if (isValidCode(code)) onCode(code);
      }}
    >
      <div class="field">
        <label for="radio-code">{t('case.codeLabel')}</label>
        <input
          ref={inputRef}
          id="radio-code"
          class="code-input"
          inputMode="numeric"
          autoComplete="off"
          maxLength={9}
          value={value}
          aria-invalid={problem ? 'true' : 'false'}
          aria-describedby={problem ? 'radio-code-error' : 'radio-code-hint'}
          onInput={(event) => setValue(event.currentTarget.value)}
          onBlur={() => setTouched(code !== '')}
        />
        {problem ? (
          <p id="radio-code-error" class="field__error" role="alert">
            {problem}
          </p>
        ) : (
          <p id="radio-code-hint" class="field__hint">
            {t('case.codeHint')}
          </p>
        )}
      </div>
      <button type="submit" class="button button--block">
        {submitLabel ?? t('case.codeShowSteps')}
      </button>
    </form>
  );
}

export function EnterCodeStep({ radioCase, send }: StepProps) {
  const t = useT();
  const dt = useDomainT();
  const state = radioCase.machine;
  const generation = radioCase.generation;
  const styles: EntryStyle[] = generation ? [...new Set(generationEntry(generation).entry.map((e) => e.style))] : ['controller'];
  const [style, setStyle] = useState<EntryStyle>(generation ? primaryEntryStyle(generation) : 'controller');
  const [editing, setEditing] = useState(false);
  // What a digit shows before the first press: only the owner can see it, so the count is a hint once they say.
  const [startsAt, setStartsAt] = useState<DigitStart | undefined>(undefined);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const warningRef = useRef<HTMLParagraphElement>(null);
  // After the code is changed, focus goes back to "Change" (the control that opened the editor), not to the page's start.
  const changeRef = useRef<HTMLButtonElement>(null);
  const refocusChange = useRef(false);
  useEffect(() => {
    if (editing || !refocusChange.current) return;
    refocusChange.current = false;
    changeRef.current?.focus();
  });
  const code = state.code ?? radioCase.deliveredCode ?? '';
  const lastAttempt = state.value === 'enterCode' && state.lastAttempt;
  const attemptsLeft = state.value === 'enterCode' ? state.attemptsLeft : 0;

  useEffect(() => setDone(new Set()), [code, style, attemptsLeft, startsAt]);
  // A wrong code must visibly change the screen: bring the tries left into view and give it the focus.
  const shownAttemptsLeft = useRef(attemptsLeft);
  useEffect(() => {
    if (attemptsLeft < shownAttemptsLeft.current && warningRef.current) {
      warningRef.current.focus();
      warningRef.current.scrollIntoView({ block: 'center' });
    }
    shownAttemptsLeft.current = attemptsLeft;
  }, [attemptsLeft]);
  const rejections = state.value === 'enterCode' ? timesRejected(state, code) : 0;

  if (state.value !== 'enterCode') return null;
  if (editing || !isValidCode(code)) {
    return (
      <CodeInput
        initial={code}
        autoFocus={editing}
        submitLabel={t('case.codeSave')}
        onCode={(next) => {
          refocusChange.current = editing;
          setEditing(false);
          void send({ type: 'code.known', code: next });
        }}
      />
    );
  }

  const result = coachCode(code, style, startsAt === undefined ? {} : { startsAt });
  const suspect = rejections > 0 || digitOutsideOneToSix(code) !== null;
  const toggle = (id: string) =>
    setDone((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div>
      <p class="code-display">
        <span class="muted">{t('case.yourCode')}</span> <span class="display-word code-display__digits">{code}</span>{' '}
        <button type="button" class="button button--small button--quiet" ref={changeRef} onClick={() => setEditing(true)}>
          {t('case.codeChange')}
        </button>
      </p>
      <p class={lastAttempt ? 'notice notice--danger' : 'notice notice--info'} role={lastAttempt ? 'alert' : 'status'} tabIndex={-1} ref={warningRef} data-testid="attempts-left">
        {dt(ATTEMPTS_LEFT_KEY, { ns: 'guide', count: attemptsLeft })}
        {lastAttempt ? <> {dt(LAST_ATTEMPT_KEY, { ns: 'guide' })}</> : null}
      </p>
      {styles.length > 1 ? (
        <fieldset class="field">
          <legend>{t('case.entryStyle')}</legend>
          <div class="choice-row">
            {styles.map((option) => (
              <label key={option} class="choice">
                <input type="radio" name="entry-style" value={option} checked={style === option} onChange={() => setStyle(option)} />
                <span>
                  <Badged text={dt(ENTRY_STYLE_INFO[option].nameKey, { ns: 'guide' })} confidence={ENTRY_STYLE_INFO[option].confidence} />
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <p class="muted">{dt(ENTRY_STYLE_INFO[style].summaryKey, { ns: 'guide' })}</p>
      {style === 'increment' && result.ok ? <DigitStartQuestion value={startsAt} onChange={setStartsAt} /> : null}
      {result.ok ? (
        <>
          <ol class="steps" aria-label={t('case.stepsLabel')}>
            {result.steps.map((step) => (
              <li key={step.id}>
                <button type="button" class="step" aria-pressed={done.has(step.id)} onClick={() => toggle(step.id)}>
                  <span>
                    {dt(step.key, { ns: 'guide', ...step.params })}
                    {step.hint ? <span class="step__hint">{dt(step.hint.key, { ns: 'guide', ...step.hint.params })}</span> : null}
                  </span>
                  {step.target.presses !== undefined && step.target.presses > 1 ? (
                    <span class="step__presses" aria-hidden="true">
                      ×{step.target.presses}
                    </span>
                  ) : null}
                </button>
                {step.action === 'check' ? <ReadBack code={result.code} /> : null}
              </li>
            ))}
          </ol>
          <ul class="fact-list">
            {result.notes.map((note) => (
              <li key={note.key}>
                <FactLine fact={note} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p class="notice notice--warn" role="alert">
          {dt(result.detail.key, { ns: 'guide', ...result.detail.params })}
        </p>
      )}
      {suspect ? (
        <CodeCheck ordered={radioCase.machine.orderKey !== null} code={code} rejections={rejections} onReorder={() => void send({ type: 'serial.recheck' })} {...(radioCase.serial ? { serial: radioCase.serial } : {})} />
      ) : null}
      <h2>{t('case.whatHappened')}</h2>
      <div class="choice-grid choice-grid--wide">
        <button type="button" class="button" onClick={() => void send({ type: 'code.accepted' })}>
          {t('case.codeAccepted')}
        </button>
        <button type="button" class="button button--danger" onClick={() => void send({ type: 'code.rejected' })}>
          {t('case.codeRejected')}
        </button>
        <button type="button" class="button button--quiet" onClick={() => void send({ type: 'code.rejected', display: LOCKOUT_MESSAGES[0] })}>
          {t('case.codeRejectedLocked')}
        </button>
      </div>
    </div>
  );
}

/** Increment style: "what does the first digit show before you press?" — 0, 1 or "-"; unanswered, no counts are given. */
function DigitStartQuestion({ value, onChange }: { value: DigitStart | undefined; onChange: (start: DigitStart) => void }) {
  const t = useT();
  return (
    <fieldset class="field">
      <legend>{t('case.digitStart.legend')}</legend>
      <div class="choice-row">
        {DIGIT_STARTS.map((start) => (
          <label key={start} class="choice">
            <input type="radio" name="digit-start" value={start} checked={value === start} onChange={() => onChange(start)} />
            <span class="display-word">{t(`case.digitStart.${start}`)}</span>
          </label>
        ))}
      </div>
      <p class="field__hint">{t('case.digitStart.hint')}</p>
    </fieldset>
  );
}
