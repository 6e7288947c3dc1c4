/*
 * The shapes the user pages read. Typed by hand from the services' controllers (the records named beside each type);
 * the ledger's and the payment service's are replaced by the generated OpenAPI types when openapi/*.json exist.
 * Instants are ISO-8601 strings; amounts are credits (1 credit = 1 micro-USD) unless named `...Minor` (the
 * currency's minor unit: cents, centavos).
 */

/** console MeController.Me */
export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  accounts: string[];
  via: 'session' | 'api_token' | string;
}

/** ledger query/GrantView */
export interface GrantView {
  grantId: string;
  category: string;
  amountCredits: number;
  remainingCredits: number;
  status: string;
  priority: number;
  expiresAt?: string;
  grantedAt?: string;
  closedAt?: string;
  reason?: string;
  actor?: string;
}

export type AccountStatus = 'ACTIVE' | 'EXHAUSTED' | 'BLOCKED';

/** ledger query/AccountView */
export interface AccountView {
  userId: string;
  balanceCredits: number;
  cycleCredits: number;
  spentCycleCredits: number;
  utilisationBasisPoints: number;
  spendableCredits: number;
  cycleCapCredits?: number;
  status: AccountStatus | string;
  version: number;
  planId?: string;
  cycleStartedAt?: string;
  cycleEndsAt?: string;
  openedAt?: string;
  updatedAt?: string;
  grants?: GrantView[];
}

/** ledger query/TransactionView */
export interface TransactionView {
  version: number;
  type: string;
  amountCredits: number;
  balanceAfterCredits: number;
  eventId?: string;
  occurredAt: string;
  model?: string;
  promptTokens?: number;
  cachedPromptTokens?: number;
  completionTokens?: number;
  reasoningTokens?: number;
  usageSource?: string;
  requestId?: string;
  reason?: string;
  actor?: string;
}

/** ledger query/TransactionPage */
export interface TransactionPage {
  userId: string;
  page: number;
  size: number;
  totalItems: number;
  items: TransactionView[];
}

/** ledger query/TransactionType: the statement's filter values. */
export const TRANSACTION_TYPES = ['OPENED', 'GRANT', 'PURCHASE', 'USAGE', 'EXPIRY', 'REVOKE', 'REFUND', 'DISPUTE_HOLD',
  'DISPUTE_RELEASE', 'DISPUTE_LOST', 'SUBSCRIPTION_END', 'ADJUSTMENT', 'BLOCK', 'UNBLOCK', 'CAP', 'PLAN',
  'RENEWAL'] as const;

/** ledger UsageReports.UsageTotals */
export interface UsageTotals {
  calls: number;
  costCredits: number;
  promptTokens: number;
  cachedPromptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
}

/** ledger UsageController.Report */
export interface UsageReport<T> {
  from: string;
  to: string;
  zone: string;
  userId?: string | null;
  model?: string | null;
  items: T[];
}

/** `day` is a calendar date (yyyy-MM-dd) in the report's zone. */
export interface DayUsage {
  day: string;
  usage: UsageTotals;
}

export interface ModelUsage {
  model: string;
  usage: UsageTotals;
}

/** alert notification/Notification */
export interface Notification {
  id: number;
  userId: string;
  alertEventId?: string;
  kind: string;
  title: string;
  body: string;
  createdAt: string;
  readAt?: string | null;
}

/** alert NotificationController.NotificationPage */
export interface NotificationPage {
  notifications: Notification[];
  unread: number;
}

/** payment pack/Pack; currency is ISO 4217 in lower case (Stripe's spelling). */
export interface Pack {
  id: string;
  name: string;
  credits: number;
  priceMinor: number;
  currency: string;
}

/** payment web/PaymentStatusController.status */
export interface PaymentStatus {
  mode: 'stripe' | 'manual-only' | string;
  checkoutAvailable: boolean;
  buyPage: string;
  message: string;
}

export interface CheckoutStarted {
  url: string;
  sessionId?: string;
}

/** payment purchase/PurchaseView.RefundView */
export interface RefundView {
  refundId: string;
  purchaseId: string;
  userId: string;
  createdAt: string;
  credits: number;
  amountMinor: number;
  cumulativeRefundedMinor: number;
  currency: string;
  reason?: string;
  requestedBy?: string;
}

/** payment purchase/PurchaseView.DisputeView */
export interface DisputeView {
  disputeId: string;
  purchaseId: string;
  userId: string;
  openedAt: string;
  closedAt?: string | null;
  status: string;
  credits: number;
  amountMinor: number;
  currency: string;
  reason?: string;
}

/** payment purchase/PurchaseView */
export interface PurchaseView {
  purchaseId: string;
  userId: string;
  createdAt: string;
  method: string;
  manualMethod?: string | null;
  status: string;
  credits: number;
  amountMinor: number;
  currency: string;
  reference?: string | null;
  paymentIntentId?: string | null;
  chargeId?: string | null;
  receiptUrl?: string | null;
  packId?: string | null;
  refundedCredits: number;
  refundedMinor: number;
  recordedBy?: string | null;
  note?: string | null;
  refunds: RefundView[];
  disputes: DisputeView[];
}

/** payment topup/AutoTopUpController.AutoTopUpView */
export interface AutoTopUpView {
  userId: string;
  enabled: boolean;
  thresholdCredits: number;
  packId?: string | null;
  monthlyCapMinor: number;
  currency?: string | null;
  chargedThisMonthMinor: number;
  failuresInARow: number;
  card?: { brand: string; last4: string } | null;
}

export interface AutoTopUpRequest {
  enabled: boolean;
  thresholdCredits: number;
  packId: string;
  monthlyCapMinor: number;
}

/** payment subscription/SubscriptionOffer */
export interface SubscriptionOffer {
  id: string;
  planId: string;
  name: string;
  priceMinor: number;
  currency: string;
  interval: string;
}

/** payment subscription/SubscriptionController.SubscriptionView */
export interface SubscriptionView {
  subscriptionId: string;
  userId: string;
  offerId: string;
  planId: string;
  status: string;
  currentPeriodStart?: string | null;
  currentPeriodEnd?: string | null;
  cancelAtPeriodEnd: boolean;
  endedAt?: string | null;
}
