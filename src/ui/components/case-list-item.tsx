// One car in the workshop list: what tells it apart (label, model), what it needs now, and its time.
import { activeTimer, attentionOf, carModelLabel, needsHandNow, timeLeft, type AttentionKind, type RadioCase } from '../../domain/case';
import { screenKeysOf } from '../../domain/diagnosis-machine';
import { formatClockTime, formatCountdown } from '../../i18n/format';
import { useDomainT, useLocale, useT } from '../hooks/use-t';

type CardTextKey = 'cases.unnamed' | 'cases.generationUnknown' | 'cases.codeOnDevice' | 'cases.timerOver' | 'cases.lockoutOver' | 'cases.codeArrived';

/** Kinds said in the list's own words; the rest show the step the case is on. */
const ATTENTION_TEXT_KEYS: Partial<Record<AttentionKind, CardTextKey>> = {
  timeUp: 'cases.timerOver',
  lockoutOver: 'cases.lockoutOver',
  codeArrived: 'cases.codeArrived',
};

/** The cards' words for one render of the list (see useCardWords). */
export interface CardWords {
  text(key: CardTextKey): string;
  /** "ready at 21:50", "Ended at 21:50" */
  at(key: 'cases.readyAt' | 'cases.endedAt', epochMs: number): string;
  /** The title of the step a case is on (guide namespace). */
  stepTitle(key: string, params?: Readonly<Record<string, number>>): string;
}

/**
 * The list asks for the words once per render and hands them to every card: the cars of a workshop share a few
 * statuses and clock times, an i18next lookup costs more than the rest of a card, and a card that read the language
 * itself would subscribe to it three times over, two hundred times.
 */
export function useCardWords(): CardWords {
  const t = useT();
  const dt = useDomainT();
  const locale = useLocale();
  const made = new Map<string, string>();
  const once = (id: string, make: () => string): string => {
    let text = made.get(id);
    if (text === undefined) {
      text = make();
      made.set(id, text);
    }
    return text;
  };
  return {
    text: (key) => once(key, () => t(key)),
    at: (key, epochMs) => {
      const time = formatClockTime(epochMs, locale);
      return once(`${key}|${time}`, () => t(key, { time }));
    },
    // A step title's numbers are fixed per key (the half hour of an extended lockout), so the key alone names the words.
    stepTitle: (key, params) => once(`guide:${key}`, () => dt(key, { ns: 'guide', ...params })),
  };
}

export function CaseListItem({ radioCase, now, words }: { radioCase: RadioCase; now: number; words: CardWords }) {
  const { kind, at } = attentionOf(radioCase, now);
  const state = radioCase.machine;
  const timer = activeTimer(radioCase);
  const model = carModelLabel(radioCase);
  const due = needsHandNow(kind);
  const textKey = ATTENTION_TEXT_KEYS[kind];
  const screen = screenKeysOf(state);
  const status = textKey ? words.text(textKey) : words.stepTitle(screen.title, screen.params);
  const modifier = due ? ' case-item--due' : kind === 'codeArrived' ? ' case-item--ready' : '';
  return (
    <li class={`case-item${modifier}`} data-attention={kind}>
      <a href={`/case/${radioCase.id}`} class="case-item__link">
        <span class="case-item__head">
          <span class="case-item__label">{radioCase.label || words.text('cases.unnamed')}</span>
          <span class={`case-item__model${model ? ' display-word' : ''}`}>{model ?? words.text('cases.generationUnknown')}</span>
        </span>
        {/* Said in words, not only by colour. */}
        <span class={`case-item__status${due ? ' case-item__status--due' : ''}`}>{status}</span>
        {kind === 'waiting' && timer ? (
          <span class="case-item__time">
            <span class="display-word">{formatCountdown(timeLeft(timer, now))}</span> · {words.at('cases.readyAt', timer.endsAt)}
          </span>
        ) : null}
        {due ? <span class="case-item__time">{words.at('cases.endedAt', at)}</span> : null}
        {radioCase.deliveredCode && kind !== 'codeArrived' ? <span class="case-item__time">{words.text('cases.codeOnDevice')}</span> : null}
      </a>
    </li>
  );
}
