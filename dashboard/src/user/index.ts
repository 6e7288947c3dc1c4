/*
 * What other areas may use of the user area: one account's statement grid (the admin's page of a user shows it).
 * Everything else in this folder is the user area's own.
 */
export { StatementGrid } from './statement/StatementGrid';
