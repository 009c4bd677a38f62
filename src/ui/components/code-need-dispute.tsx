// Where sources disagree that a radio needs a code: both sides and what to try first, before any wait or order.
import { SOURCES, codeNeedDispute } from '../../domain/catalogue';
import type { GenerationId } from '../../domain/generations';
import { ConfidenceBadge } from './fact-list';
import { useDomainT, useT } from '../hooks/use-t';

/** `reported`: what the owner said the radio shows, in a case (the guide page has none). */
export function CodeNeedDisputeNotice({ generation, reported }: { generation: GenerationId; reported?: 'SAFE' | 'CODE' }) {
  const t = useT();
  const dt = useDomainT();
  const dispute = codeNeedDispute(generation);
  if (!dispute) return null;
  return (
    <div class="notice notice--info dispute" data-testid="code-need-dispute">
      <p>
        <strong>{t('dispute.title')}</strong> <ConfidenceBadge confidence={dispute.confidence} />
      </p>
      <dl class="dispute__sides">
        <dt>{t('dispute.seedSays')}</dt>
        <dd>{dt(dispute.seedSaysKey, { ns: 'guide' })}</dd>
        <dt>{t('dispute.othersSay')}</dt>
        <dd>{dt(dispute.othersSayKey, { ns: 'guide' })}</dd>
        <dt>{t('dispute.tryFirst')}</dt>
        <dd>{dt(dispute.tryFirstKey, { ns: 'guide' })}</dd>
        {reported && dispute.askedForCodeKey ? (
          <>
            <dt>{t('dispute.yourRadio')}</dt>
            <dd>{dt(dispute.askedForCodeKey, { ns: 'guide', display: reported })}</dd>
          </>
        ) : null}
      </dl>
      <p class="muted">{[...new Set(dispute.sources.map((id) => SOURCES[id].domain ?? SOURCES[id].name))].join(' · ')}</p>
    </div>
  );
}
