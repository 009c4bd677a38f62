// One car's guided recovery: the machine's current step, the car's label, and archive / delete / start over.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute, useLocation } from 'preact-iso';
import type { RadioCase } from '../../domain/case';
import { generationEntry } from '../../domain/catalogue';
import { can, countdownEnded, screenKeysOf, type DiagnosisEvent } from '../../domain/diagnosis-machine';
import { CASE_LABEL_MAX_LENGTH } from '../../domain/order';
import { applyCaseEvent, archiveCase, unarchiveCase, updateCase } from '../../storage/cases-store';
import { useCase } from '../hooks/use-cases';
import { useDomainT, useT } from '../hooks/use-t';
import { StorageErrorNotice } from '../components/storage-error-notice';
import { deleteWithUndo } from '../undo-delete';
import { sweep } from '../case-timers';
import { IdentifyStep } from '../components/steps/identify-step';
import { DisplayStep, BlankChecksStep, WorkshopStep } from '../components/steps/outcome-steps';
import { SafeWaitStep, LockoutStep } from '../components/steps/wait-step';
import { HaveCodeStep, EnterCodeStep } from '../components/steps/code-steps';
import { FindSerialStep } from '../components/steps/serial-step';
import { CodeDisputeStep } from '../components/steps/dispute-step';
import { CodeSuspectStep } from '../components/steps/suspect-step';
import { WayBack } from '../components/steps/way-back';
import { OrderStep, AwaitingCodeStep } from '../components/steps/order-step';
import { PrintedSteps, ShareCase } from '../components/share-case';
import type { StepProps } from '../components/steps/step-props';
import { PaymentReturn } from '../components/payment-return';

const STEP_VIEWS: Partial<Record<RadioCase['machine']['value'], (props: StepProps) => preact.JSX.Element | null>> = {
  identify: IdentifyStep,
  display: DisplayStep,
  codeDispute: CodeDisputeStep,
  safeWait: SafeWaitStep,
  haveCode: HaveCodeStep,
  findSerial: FindSerialStep,
  order: OrderStep,
  awaitingCode: AwaitingCodeStep,
  enterCode: EnterCodeStep,
  codeSuspect: CodeSuspectStep,
  lockout: LockoutStep,
  blankChecks: BlankChecksStep,
  workshop: WorkshopStep,
};

export function CaseScreen() {
  const t = useT();
  const { params } = useRoute();
  const id = params.id ?? '';
  const loaded = useCase(id);
  if (loaded.status === 'loading') return <section class="screen" aria-busy="true" />;
  if (loaded.status === 'error') return <section class="screen"><StorageErrorNotice error={loaded.error} /></section>;
  if (!loaded.value) {
    return (
      <section class="screen">
        <h1 tabIndex={-1}>{t('case.notFoundTitle')}</h1>
        <p>{t('case.notFoundBody')}</p>
        <a class="button" href="/">
          {t('notFound.home')}
        </a>
      </section>
    );
  }
  return <CaseView radioCase={loaded.value} />;
}

function CaseView({ radioCase }: { radioCase: RadioCase }) {
  const t = useT();
  const dt = useDomainT();
  const { route } = useLocation();
  const [error, setError] = useState<unknown>(undefined);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const state = radioCase.machine;
  const keys = screenKeysOf(state);
  // "Start over", and an answer that locked the radio's counter, keep the case as it was for one Undo: a mis-tap
  // (the "wrong code" button sits under "It works now") must not cost a locked case for an hour.
  const [undoable, setUndoable] = useState<{ before: RadioCase; after: 'restarted' | 'locked' } | null>(null);

  // A new step (or a countdown that turned into a question): move focus to its heading so keyboard and screen-reader users start there.
  const step = `${state.value}:${countdownEnded(state)}`;
  const previous = useRef(step);
  useEffect(() => {
    if (previous.current !== step) headingRef.current?.focus();
    previous.current = step;
  }, [step]);

  const send = async (event: DiagnosisEvent) => {
    try {
      setError(undefined);
      setUndoable(null);
      const before = radioCase;
      const result = await applyCaseEvent(radioCase.id, event, Date.now());
      if (result?.changed && lockedByAnswer(before, result.case)) setUndoable({ before, after: 'locked' });
      void sweep(); // a new countdown gets its timer at once
    } catch (cause) {
      setError(cause);
    }
  };
  const Step = STEP_VIEWS[state.value];

  const restart = async () => {
    const before = radioCase;
    await send({ type: 'restart' });
    setUndoable({ before, after: 'restarted' });
  };
  const undo = async (before: RadioCase) => {
    try {
      setUndoable(null);
      // Whatever arrived since (a delivered code, a placed order) is kept on the restored case.
      await updateCase(before.id, (current) => ({
        ...before,
        deliveredCode: current.deliveredCode ?? before.deliveredCode,
        orderKey: current.orderKey ?? before.orderKey,
        updatedAt: Math.max(Date.now(), current.updatedAt),
      }));
      void sweep();
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <section class="screen case">
      <CaseLabel radioCase={radioCase} />
      {radioCase.generation ? <p class="muted case__generation">{dt(generationEntry(radioCase.generation).nameKey, { ns: 'guide' })}</p> : null}
      <h1 tabIndex={-1} ref={headingRef}>
        {dt(keys.title, { ns: 'guide', ...keys.params })}
      </h1>
      <p class="lead">{dt(keys.body, { ns: 'guide', ...keys.params })}</p>
      {error !== undefined ? <StorageErrorNotice error={error} /> : null}
      {undoable ? (
        <p class="notice notice--info undo-restart no-print" role="status">
          {undoable.after === 'restarted' ? t('case.restarted') : t('case.lockedByAnswer')}{' '}
          <button type="button" class="button button--small" onClick={() => void undo(undoable.before)}>
            {undoable.after === 'restarted' ? t('case.undoRestart') : t('case.undoAnswer')}
          </button>
        </p>
      ) : null}
      <PaymentReturn />
      {Step ? <Step radioCase={radioCase} send={send} /> : null}
      {state.value === 'lockout' || countdownEnded(state) ? null : <WayBack radioCase={radioCase} send={send} />}
      {radioCase.deliveredCode && state.value !== 'enterCode' ? (
        <p class="notice notice--ok">
          {t('case.codeKept')} <span class="display-word">{radioCase.deliveredCode}</span>
        </p>
      ) : null}
      <PrintedSteps radioCase={radioCase} />
      {radioCase.generation ? (
        <p class="no-print">
          <a class="standalone-link" href={`/guide/${radioCase.generation}`}>
            {t('case.openGuide')}
          </a>
        </p>
      ) : null}
      <div class="case__actions no-print">
        <ShareCase radioCase={radioCase} />
        {can(state, { type: 'restart' }) ? (
          <button type="button" class="button button--quiet" onClick={() => void restart()}>
            {t('case.restart')}
          </button>
        ) : null}
        {radioCase.archivedAt === undefined ? (
          <button type="button" class="button button--quiet" onClick={() => void archiveCase(radioCase.id, Date.now()).then(() => route('/'))}>
            {t('case.archive')}
          </button>
        ) : (
          <button type="button" class="button button--quiet" onClick={() => void unarchiveCase(radioCase.id, Date.now())}>
            {t('case.unarchive')}
          </button>
        )}
        <button
          type="button"
          class="button button--danger"
          onClick={async () => {
            await deleteWithUndo(radioCase);
            route('/');
          }}
        >
          {t('case.delete')}
        </button>
      </div>
    </section>
  );
}

function CaseLabel({ radioCase }: { radioCase: RadioCase }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(radioCase.label);
  // The field replaces the Rename button and the button comes back after Save: focus follows each swap.
  const buttonRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const swapped = useRef(false);
  useEffect(() => {
    if (swapped.current) (editing ? inputRef : buttonRef).current?.focus();
    swapped.current = true;
  }, [editing]);
  if (!editing) {
    return (
      <p class="case__label">
        <span class="case__label-text">{radioCase.label}</span>{' '}
        <button ref={buttonRef} type="button" class="button button--small button--quiet" onClick={() => setEditing(true)} aria-label={t('case.renameLabel', { label: radioCase.label })}>
          {t('case.rename')}
        </button>
      </p>
    );
  }
  return (
    <form
      class="case__rename"
      onSubmit={async (event) => {
        event.preventDefault();
        const label = value.trim().slice(0, CASE_LABEL_MAX_LENGTH);
        if (label) await updateCase(radioCase.id, (c) => ({ ...c, label, updatedAt: Math.max(Date.now(), c.updatedAt) }));
        setEditing(false);
      }}
    >
      <div class="field">
        <label for="case-label">{t('case.labelField')}</label>
        <input ref={inputRef} id="case-label" value={value} maxLength={CASE_LABEL_MAX_LENGTH} onInput={(event) => setValue(event.currentTarget.value)} placeholder={t('case.labelPlaceholder')} />
      </div>
      <button type="submit" class="button button--small">
        {t('case.save')}
      </button>
    </form>
  );
}

/** The answer just given started a lockout the radio's own counter runs (a third refused code, or WAIT after a code). */
function lockedByAnswer(before: RadioCase, after: RadioCase): boolean {
  return before.machine.value !== 'lockout' && after.machine.value === 'lockout' && after.machine.cause === 'attempts';
}
