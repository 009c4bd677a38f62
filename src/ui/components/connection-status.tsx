// A quiet banner while offline, so nobody wonders whether the app still works (it does).
import { useOnline } from '../hooks/use-online';
import { useT } from '../hooks/use-t';

export function ConnectionStatus() {
  const t = useT();
  const online = useOnline();
  if (online) return null;
  return (
    <p class="connection connection--offline" role="status">
      {t('network.offline')}
    </p>
  );
}
