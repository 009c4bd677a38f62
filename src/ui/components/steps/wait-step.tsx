// The two hour-long waits (SAFE standby and the wrong-code lockout): countdown, what to do meanwhile, and the question when the hour is up.
import { useState } from 'preact/hooks';
import { BATTERY_ADVICE } from '../../../domain/catalogue';
import { timeLeft } from '../../../domain/case';
import { isLockoutExtension, timesRejected } from '../../../domain/diagnosis-machine';
import { IGNITION_INSTRUCTION, IGNITION_POSITION_CONFLICT } from '../../../domain/catalogue';
import { LOCKOUT_EXTENSION_FACTS, LOCKOUT_LONGER, WAIT_FACTS } from '../../../domain/wait-guidance';
import { Countdown } from '../countdown';
import { FactLine, FactList } from '../fact-list';
import { useNow } from '../../hooks/use-now';
import { useT } from '../../hooks/use-t';
import { WakeLockSwitch } from '../wake-lock-switch';
import { NotificationOffer } from '../notification-offer';
import { DisplayAnswers } from './display-answers';
import { CodeCheck } from '../code-check';
import { codeNeedDisputed } from './dispute-step';
import type { StepProps } from './step-props';

export function SafeWaitStep({ radioCase, send }: StepProps) {
  const t = useT();
  // "Still SAFE" is the user's answer to the question, not a machine move: it reveals the advice.
  const [stillSafe, setStillSafe] = useState(false);
  const state = radioCase.machine;
  if (state.value !== 'safeWait') return null;
  if (state.over) {
    return (
      <div>
        <DisplayAnswers
          onAnswer={(message) => (message === 'SAFE' ? setStillSafe(true) : void send({ type: 'display.reported', message }))}
        />
        {stillSafe ? (
          <section class="notice notice--info" role="status" aria-labelledby="still-safe-title">
            <h2 id="still-safe-title" class="notice__title">
              {t('case.stillSafeTitle')}
            </h2>
            <p>{t('case.stillSafeAdvice')}</p>
            <div class="button-row">
              <button type="button" class="button" onClick={() => void send({ type: 'wait.continued' })}>
                {t('case.waitAnotherHour')}
              </button>
              <button type="button" class="button button--quiet" onClick={() => void send({ type: 'workshop.chosen' })}>
                {t('case.goToWorkshop')}
              </button>
            </div>
          </section>
        ) : null}
      </div>
    );
  }
  return (
    <div>
      <Countdown timer={state.timer} label={t('case.safeCountdown')} />
      <Ignition />
      <WaitExtras />
      <FactList facts={WAIT_FACTS.safeWait} />
      <h2>{t('case.displayChanged')}</h2>
      <DisplayAnswers exclude={['SAFE']} onAnswer={(message) => void send({ type: 'display.reported', message })} />
      <BatteryAdvice />
    </div>
  );
}

export function LockoutStep({ radioCase, send }: StepProps) {
  const t = useT();
  const state = radioCase.machine;
  const now = useNow(state.value === 'lockout' && state.over !== true);
  if (state.value !== 'lockout') return null;
  const rejections = timesRejected(state, state.code);

  if (state.over === true) {
    return (
      <div>
        <DisplayAnswers onAnswer={(message) => void send({ type: 'display.reported', message, codeNeedDisputed: codeNeedDisputed(radioCase) })} />
        <p class="muted">
          {t('case.stillLockedHint')} <FactLine fact={LOCKOUT_LONGER} />
        </p>
      </div>
    );
  }

  const ended = timeLeft(state.timer, now) === 0;
  return (
    <div>
      <Countdown timer={state.timer} label={t('case.lockoutCountdown')} />
      {ended ? (
        <button type="button" class="button button--block" onClick={() => void send({ type: 'timer.elapsed' })}>
          {t('case.lockoutOver')}
        </button>
      ) : null}
      {state.cause === 'display' ? (
        <section class="notice notice--info no-print" aria-labelledby="mis-tap-title">
          <h2 id="mis-tap-title" class="notice__title">
            {t('case.misTapQuestion')}
          </h2>
          <button type="button" class="button button--quiet button--block" onClick={() => void send({ type: 'display.recheck' })}>
            {t('case.wrongDisplay')}
          </button>
        </section>
      ) : (
        <p class="notice notice--info">{t('case.lockoutRadioCounts')}</p>
      )}
      {state.cause === 'attempts' && state.code !== null && rejections > 0 ? (
        <CodeCheck ordered={state.orderKey !== null} code={state.code} rejections={rejections} onReorder={null} {...(state.serial ? { serial: state.serial } : {})} />
      ) : null}
      <Ignition />
      {ended ? null : <WaitExtras />}
      <FactList facts={isLockoutExtension(state) ? LOCKOUT_EXTENSION_FACTS : WAIT_FACTS.lockout} />
      <BatteryAdvice />
    </div>
  );
}

/** One plain rule (radio on, engine off, the whole time), then where sources name different key positions. */
function Ignition() {
  const t = useT();
  return (
    <section class="card ignition" aria-labelledby="ignition-title">
      <h2 id="ignition-title">{t('case.ignitionTitle')}</h2>
      <p class="ignition__rule">
        <FactLine fact={IGNITION_INSTRUCTION} />
      </p>
      <p class="muted">
        <FactLine fact={IGNITION_POSITION_CONFLICT} />
      </p>
    </section>
  );
}

/** Part of the wait: a notice when the hour is up (said honestly) and the screen kept on. */
function WaitExtras() {
  const t = useT();
  return (
    <section class="wait-extras no-print" aria-label={t('case.waitHelpLabel')}>
      <NotificationOffer />
      <WakeLockSwitch holdsLock />
    </section>
  );
}

function BatteryAdvice() {
  const t = useT();
  return (
    <section class="notice notice--info">
      <h2 class="notice__title">{t('case.batteryTitle')}</h2>
      <FactList facts={BATTERY_ADVICE} />
    </section>
  );
}
