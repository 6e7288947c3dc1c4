/*
 * What other areas may use of the admin area (the finance reports link a top user to the admin's user page when the
 * viewer is an admin). Everything else in this folder is the admin area's own.
 */
export { ADMIN_PATHS, userPagePath } from './paths';
export { isAdmin } from './isAdmin';
