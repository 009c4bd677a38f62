// The two hour-long waits (SAFE standby and the wrong-code lockout): countdown, what to do meanwhile, and the way on.
import { BATTERY_ADVICE, WAIT_INSTRUCTIONS } from '../../../domain/catalogue';
import { timeLeft } from '../../../domain/case';
import { Countdown } from '../countdown';
import { FactList } from '../fact-list';
import { useNow } from '../../hooks/use-now';
import { useT } from '../../hooks/use-t';
import { WakeLockSwitch } from '../wake-lock-switch';
import { NotificationOffer } from '../notification-offer';
import { DisplayAnswers } from './display-answers';
import type { StepProps } from './step-props';

export function SafeWaitStep({ radioCase, send }: StepProps) {
  const t = useT();
  const state = radioCase.machine;
  if (state.value !== 'safeWait') return null;
  if (state.over) {
    return (
      <div>
        <div class="button-row">
          <button type="button" class="button" onClick={() => void send({ type: 'wait.continued' })}>
            {t('case.waitAnotherHour')}
          </button>
          <button type="button" class="button button--quiet" onClick={() => void send({ type: 'workshop.chosen' })}>
            {t('case.goToWorkshop')}
          </button>
        </div>
        <h2>{t('case.displayChanged')}</h2>
        <DisplayAnswers exclude={['SAFE']} onAnswer={(message) => void send({ type: 'display.reported', message })} />
      </div>
    );
  }
  return (
    <div>
      <Countdown timer={state.timer} label={t('case.safeCountdown')} />
      <WaitExtras />
      <FactList facts={WAIT_INSTRUCTIONS.safeWait} />
      <h2>{t('case.displayChanged')}</h2>
      <DisplayAnswers exclude={['SAFE']} onAnswer={(message) => void send({ type: 'display.reported', message })} />
      <BatteryAdvice />
    </div>
  );
}

export function LockoutStep({ radioCase, send }: StepProps) {
  const t = useT();
  const state = radioCase.machine;
  const now = useNow(state.value === 'lockout');
  if (state.value !== 'lockout') return null;
  const over = timeLeft(state.timer, now) === 0;
  return (
    <div>
      <Countdown timer={state.timer} label={t('case.lockoutCountdown')} />
      {over ? (
        <button type="button" class="button button--block" onClick={() => void send({ type: 'timer.elapsed' })}>
          {t('case.lockoutOver')}
        </button>
      ) : (
        <WaitExtras />
      )}
      <FactList facts={WAIT_INSTRUCTIONS.lockout} />
      <BatteryAdvice />
    </div>
  );
}

function WaitExtras() {
  return (
    <div class="wait-extras no-print">
      <NotificationOffer />
      <WakeLockSwitch holdsLock />
    </div>
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
