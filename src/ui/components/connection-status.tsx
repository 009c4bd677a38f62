// A quiet banner while requests do not get through (whatever navigator.onLine says), so nobody wonders whether the app still works (it does).
import { useReachability } from '../hooks/use-online';
import { useT } from '../hooks/use-t';

export function ConnectionStatus() {
  const t = useT();
  if (useReachability() !== 'offline') return null;
  return (
    <p class="connection connection--offline" role="status">
      {t('network.offline')}
    </p>
  );
}
