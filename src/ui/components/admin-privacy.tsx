// What the order service stores about a customer and for how long, as /admin shows it to the operator.
import { useEffect, useState } from 'preact/hooks';
import type { PrivacyAnswer } from '../../domain/code-table';
import { privacyFacts } from '../admin-api';
import { useT } from '../hooks/use-t';

export function AdminPrivacy({ token }: { token: string }) {
  const t = useT();
  const [facts, setFacts] = useState<PrivacyAnswer | null>(null);
  useEffect(() => {
    void privacyFacts(token).then((result) => result.ok && setFacts(result.value));
  }, [token]);
  if (!facts) return null;
  return (
    <section class="card" aria-labelledby="admin-privacy-title" data-testid="admin-privacy">
      <h2 id="admin-privacy-title">{t('admin.privacy.title')}</h2>
      <ul>
        <li>{t('admin.privacy.order')}</li>
        <li>{t('admin.privacy.retention', { days: facts.retentionDays })}</li>
        <li>{t(facts.payment ? 'admin.privacy.paymentOn' : 'admin.privacy.paymentOff')}</li>
        <li>{t('admin.privacy.codes')}</li>
      </ul>
    </section>
  );
}
