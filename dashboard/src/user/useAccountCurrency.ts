import { accountCurrency, USD, type CurrencyRate } from '../format';
import { useLocale } from '../i18n/LocaleProvider';
import { usePacks, usePurchases } from './queries';

/** The currency the account's money is shown in (format/money.ts's rule); USD until packs and purchases are known. */
export function useAccountCurrency(userId: string): CurrencyRate {
  const { locale } = useLocale();
  const packs = usePacks();
  const purchases = usePurchases(userId);
  if (!packs.data) {
    return USD;
  }
  return accountCurrency(locale, packs.data, purchases.data ?? []);
}
