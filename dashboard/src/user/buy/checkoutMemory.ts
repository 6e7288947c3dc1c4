/*
 * The balance before leaving for Stripe, kept in sessionStorage (this tab only), so the page Stripe returns to can
 * tell when the purchase's credits have arrived: the balance has risen above it.
 */
const KEY = 'creditgate.balanceBeforeCheckout';

export function rememberBalanceBeforeCheckout(balanceCredits: number | undefined): void {
  if (balanceCredits !== undefined) {
    sessionStorage.setItem(KEY, String(balanceCredits));
  }
}

export function balanceBeforeCheckout(): number | undefined {
  const value = sessionStorage.getItem(KEY);
  return value === null || Number.isNaN(Number(value)) ? undefined : Number(value);
}

export function forgetBalanceBeforeCheckout(): void {
  sessionStorage.removeItem(KEY);
}
