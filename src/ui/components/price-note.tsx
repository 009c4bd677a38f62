// The price line above "Order the code": current when online, the last known price (and its date) when offline.
import { formatPrice } from '../../domain/price';
import { formatDateTime } from '../../i18n/format';
import { useOrderPrice } from '../hooks/use-order-price';
import { useLocale, useT } from '../hooks/use-t';

export function PriceNote() {
  const t = useT();
  const locale = useLocale();
  const { known, fresh, online } = useOrderPrice();
  if (known === null) {
    return online ? null : <p class="muted" data-testid="order-price">{t('orderForm.priceUnknown')}</p>;
  }
  if (known.payment === 'off') return null;
  const price = formatPrice(known.price, locale);
  return (
    <p class="order-price" data-testid="order-price" data-fresh={fresh ? 'true' : 'false'}>
      {fresh ? t('orderForm.price', { price }) : t('orderForm.priceLastKnown', { price, date: formatDateTime(known.checkedAt, locale) })}
    </p>
  );
}
