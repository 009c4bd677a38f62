// The top bar: the app's name and the main navigation, large enough for a thumb.
import { useLocation } from 'preact-iso';
import { useT } from '../hooks/use-t';
import { usePendingOrders } from '../hooks/use-pending-orders';

const LINKS = [
  { href: '/', key: 'nav.home' },
  { href: '/orders', key: 'nav.orders' },
  { href: '/settings', key: 'nav.settings' },
  { href: '/about', key: 'nav.about' },
] as const;

export function AppHeader() {
  const t = useT();
  const { path } = useLocation();
  const pending = usePendingOrders();
  return (
    <header class="app-header">
      <a class="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <a class="app-header__name" href="/">
        {t('app.shortName')}
      </a>
      <nav aria-label={t('nav.label')}>
        <ul class="app-nav">
          {LINKS.map((link) => (
            <li key={link.href}>
              <a href={link.href} aria-current={path === link.href ? 'page' : undefined}>
                {t(link.key)}
                {link.href === '/orders' && pending > 0 ? (
                  <span class="badge" data-testid="pending-orders">
                    {pending}
                    <span class="visually-hidden"> {t('nav.pending', { count: pending })}</span>
                  </span>
                ) : null}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
