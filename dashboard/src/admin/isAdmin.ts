/** Whether a person may see the admin pages: the `admin` role, exactly as the services check it (Role.ADMIN). */
export const isAdmin = (roles: readonly string[]): boolean => roles.includes('admin');
