// Guide sentences with their confidence: reported and disputed facts carry a visible badge, never hidden.
import { CONFIDENCE_KEYS, type TextFact } from '../../domain/sources';
import { useDomainT } from '../hooks/use-t';

export function ConfidenceBadge({ confidence }: { confidence: TextFact['confidence'] }) {
  const dt = useDomainT();
  if (confidence !== 'reported' && confidence !== 'conflict') return null;
  return <span class={`tag tag--${confidence}`}>{dt(CONFIDENCE_KEYS[confidence], { ns: 'guide' })}</span>;
}

/**
 * A sentence and its badge. The text and the space before the badge are one string: a prerendered page holds them as
 * one text node, so hydration adopts it as it is instead of splitting it.
 */
export function Badged({ text, confidence }: { text: string; confidence: TextFact['confidence'] }) {
  return (
    <>
      {`${text} `}
      <ConfidenceBadge confidence={confidence} />
    </>
  );
}

export function FactLine({ fact }: { fact: TextFact }) {
  const dt = useDomainT();
  return <Badged text={dt(fact.key, { ns: 'guide', ...fact.params })} confidence={fact.confidence} />;
}

export function FactList({ facts, ordered = false }: { facts: readonly TextFact[]; ordered?: boolean }) {
  const items = facts.map((fact) => (
    <li key={fact.key}>
      <FactLine fact={fact} />
    </li>
  ));
  return ordered ? <ol class="fact-list">{items}</ol> : <ul class="fact-list">{items}</ul>;
}
