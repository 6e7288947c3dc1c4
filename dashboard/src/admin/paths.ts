/** Where the admin pages live, relative to the app's base (/app). */
export const ADMIN_PATHS = {
  users: '/admin/users',
  people: '/admin/people',
  audit: '/admin/audit',
  prices: '/admin/prices',
} as const;

export function userPagePath(userId: string): string {
  return `${ADMIN_PATHS.users}/${encodeURIComponent(userId)}`;
}
