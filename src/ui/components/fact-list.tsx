// Guide sentences with their confidence: reported and disputed facts carry a visible badge, never hidden.
import { CONFIDENCE_KEYS, type TextFact } from '../../domain/sources';
import { useDomainT } from '../hooks/use-t';

export function ConfidenceBadge({ confidence }: { confidence: TextFact['confidence'] }) {
  const dt = useDomainT();
  if (confidence !== 'reported' && confidence !== 'conflict') return null;
  return <span class={`tag tag--${confidence}`}>{dt(CONFIDENCE_KEYS[confidence], { ns: 'guide' })}</span>;
}

export function FactLine({ fact }: { fact: TextFact }) {
  const dt = useDomainT();
  return (
    <>
      {`${dt(fact.key, { ns: 'guide', ...fact.params })} `}
      <ConfidenceBadge confidence={fact.confidence} />
    </>
  );
}

export function FactList({ facts, ordered = false }: { facts: readonly TextFact[]; ordered?: boolean }) {
  const items = facts.map((fact) => (
    <li key={fact.key}>
      <FactLine fact={fact} />
    </li>
  ));
  return ordered ? <ol class="fact-list">{items}</ol> : <ul class="fact-list">{items}</ul>;
}
