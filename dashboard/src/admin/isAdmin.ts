/** Whether a person may see the admin pages: any role whose name contains "admin" (the APIs check too). */
export const isAdmin = (roles: readonly string[]): boolean => roles.some((role) => role.includes('admin'));
