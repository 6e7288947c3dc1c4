/*
 * The shapes the finance pages read. Records the services' OpenAPI documents describe come from the generated types
 * (so an API change breaks the build); springdoc marks every record component optional, so the pages treat absent
 * numbers as 0. The rest is typed by hand from the controllers named beside each type, because their documents
 * answer a bare "object" (a map or a generic record).
 */
import type { components as LedgerApi } from '../api/generated/ledger';
import type { components as PaymentApi } from '../api/generated/payment';
import type { UsageTotals } from '../api/types';

export type { DayUsage, ModelUsage, UsageReport, UsageTotals } from '../api/types';

/** ledger replay/ReplayReport: what POST /api/admin/replay answers when the replay finished. */
export type ReplayReport = LedgerApi['schemas']['ReplayReport'];
export type BrokenLink = LedgerApi['schemas']['BrokenLink'];
export type Discrepancy = LedgerApi['schemas']['Discrepancy'];
/** ledger replay/ReplayRuns.Run: one line of GET /api/admin/audit/replays (result OK, FAILED, UNAVAILABLE or ERROR). */
export type ReplayRun = LedgerApi['schemas']['Run'];

/** ledger reconciliation/ReconciliationReport: GET /api/finance/reconciliation, ours beside the provider's per UTC day. */
export type ReconciliationReport = LedgerApi['schemas']['ReconciliationReport'];
export type ReconciliationRow = LedgerApi['schemas']['ReconciliationRow'];

export type PurchaseView = PaymentApi['schemas']['PurchaseView'];
export type RefundView = PaymentApi['schemas']['RefundView'];
export type DisputeView = PaymentApi['schemas']['DisputeView'];
/** payment refund/RefundRequest: amountMinor absent = all that remains. */
export type RefundRequest = PaymentApi['schemas']['RefundRequest'];
/** payment refund/RefundAnswer: status `refunded` (manual purchase, taken back now) or `pending` (sent to Stripe). */
export type RefundAnswer = PaymentApi['schemas']['RefundAnswer'];
export type ManualPurchaseRequest = PaymentApi['schemas']['ManualPurchaseRequest'];

/** ledger query/UsageReports.UserUsage: one line of GET /api/admin/usage/top-users (by hand: the document says "object"). */
export interface UserUsage {
  userId: string;
  usage: UsageTotals;
}

/** payment purchase/PurchaseListingController: one page of a finance listing (`total` counts every page). */
export type PurchasePage = PaymentApi['schemas']['PurchasePage'];
export type RefundPage = PaymentApi['schemas']['RefundPage'];
export type DisputePage = PaymentApi['schemas']['DisputePage'];

/** payment purchase/PurchaseListingController: the filter values the listings accept. */
export const PURCHASE_METHODS = ['checkout', 'auto_top_up', 'manual'] as const;
export const PURCHASE_STATUSES = ['paid', 'partially_refunded', 'refunded', 'disputed', 'dispute_lost'] as const;
export const DISPUTE_STATUSES = ['open', 'won', 'lost'] as const;
/** payment manual/ManualPurchases.METHODS */
export const MANUAL_METHODS = ['pix', 'bank_transfer', 'invoice'] as const;
/** ledger replay/ReplayProperties.Source, as POST /api/admin/replay?source= spells it; '' = the ledger's default. */
export const REPLAY_SOURCES = ['', 'journal-topic', 'event-store'] as const;
