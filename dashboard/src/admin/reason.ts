/** The ledger's limit on a reason (GrantController.MAX_REASON_LENGTH), in characters. */
export const REASON_CHARS_MAX = 500;
