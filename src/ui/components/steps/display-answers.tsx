// "What does the radio show?": one large button per message, in the radio's own words.
import { DISPLAY_ANSWERS } from '../../../domain/catalogue';
import type { DisplayMessage } from '../../../domain/diagnosis-machine';
import { useDomainT } from '../../hooks/use-t';

export function DisplayAnswers({ onAnswer, exclude = [] }: { onAnswer: (message: DisplayMessage) => void; exclude?: readonly DisplayMessage[] }) {
  const dt = useDomainT();
  return (
    <ul class="choice-grid">
      {DISPLAY_ANSWERS.filter((answer) => !exclude.includes(answer.message)).map((answer) => (
        <li key={answer.message}>
          <button type="button" class="button button--quiet" onClick={() => onAnswer(answer.message)}>
            <span class={answer.message === 'blank' || answer.message === 'normal' ? '' : 'display-word'}>
              {dt(answer.labelKey, { ns: 'guide' })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
