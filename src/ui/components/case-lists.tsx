// The cars on this device, open ones sorted by what needs attention next, archived ones folded away (home screen).
// Fetched beside the home screen, with the cases (home-parts.ts): the diagnosis machine it needs is no part of the home
// page's first screen.
import { activeTimer, sortByAttention, type RadioCase } from '../../domain/case';
import { CaseListItem, useCardWords } from './case-list-item';
import { useNow } from '../hooks/use-now';
import { useT } from '../hooks/use-t';

export function CaseLists({ open, archived }: { open: readonly RadioCase[]; archived: readonly RadioCase[] }) {
  const t = useT();
  const words = useCardWords();
  const ticking = open.some((c) => activeTimer(c) !== null) || archived.some((c) => activeTimer(c) !== null);
  const now = useNow(ticking);
  const sorted = sortByAttention([...open], now);
  return (
    <>
      {sorted.length > 0 ? (
        <>
          <h2>{t('cases.title', { count: sorted.length })}</h2>
          <ul class="case-list" data-testid="case-list">
            {sorted.map((radioCase: RadioCase) => (
              <CaseListItem key={radioCase.id} radioCase={radioCase} now={now} words={words} />
            ))}
          </ul>
        </>
      ) : null}
      {archived.length > 0 ? (
        <details class="archived">
          <summary>{t('cases.archived', { count: archived.length })}</summary>
          <ul class="case-list">
            {archived.map((radioCase) => (
              <CaseListItem key={radioCase.id} radioCase={radioCase} now={now} words={words} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}
