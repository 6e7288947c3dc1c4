export { formatCredits, parseCredits } from './credits';
export {
  accountCurrency, formatMinor, formatMoneyFromCredits, rateOf, toMajor, toMinor, USD, CREDITS_PER_USD_CENT,
  type CurrencyRate,
} from './money';
export {
  browserTimeZone, dayInZone, daysBefore, formatDate, formatDateTime, formatDay, nextDay, startOfDay,
} from './dates';
