import { parseCredits, toMinor } from '../../format';
import type { ManualPurchaseRequest } from '../types';

/** payment manual/ManualPurchases limits. */
export const MAX_CREDITS = 1_000_000_000_000;
export const MAX_REFERENCE = 200;
export const MAX_NOTE = 1_000;

/** The currencies offered first; any ISO 4217 code the service accepts can be typed. */
export const CURRENCIES = ['brl', 'usd', 'eur'] as const;

/** The form as typed: amounts as text, the money in major units ("250.00"). */
export interface ManualForm {
  userId: string;
  credits: string;
  amount: string;
  currency: string;
  method: string;
  reference: string;
  note: string;
}

export const EMPTY_FORM: ManualForm = { userId: '', credits: '', amount: '', currency: 'brl', method: 'pix', reference: '', note: '' };

export type ManualField = keyof ManualForm;

/** The message id of each field's problem, if any (the service checks again and names the first bad field). */
export function problems(form: ManualForm): Partial<Record<ManualField, string>> {
  const found: Partial<Record<ManualField, string>> = {};
  if (!form.userId.trim() || /\s|[{}]/.test(form.userId.trim())) found.userId = 'finance.manual.error.user';
  const credits = parseCredits(form.credits);
  if (credits === undefined || credits < 1 || credits > MAX_CREDITS) found.credits = 'finance.manual.error.credits';
  if (!/^[a-zA-Z]{3}$/.test(form.currency.trim())) found.currency = 'finance.manual.error.currency';
  else if (!((toMinor(form.amount, form.currency.trim()) ?? 0) > 0)) found.amount = 'finance.manual.error.amount';
  if (!form.method) found.method = 'finance.manual.error.method';
  if (!form.reference.trim() || form.reference.trim().length > MAX_REFERENCE) found.reference = 'finance.manual.error.reference';
  if (form.note.length > MAX_NOTE) found.note = 'finance.manual.error.note';
  return found;
}

/** The request body: credits as a number, money in the currency's minor unit, the currency in lower case. */
export function toRequest(form: ManualForm): ManualPurchaseRequest {
  const currency = form.currency.trim().toLowerCase();
  return {
    userId: form.userId.trim(),
    credits: parseCredits(form.credits)!,
    amountMinor: toMinor(form.amount, currency),
    currency,
    method: form.method,
    reference: form.reference.trim(),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
}
