/** The console's CSRF token (Spring Security's SPA mode): the XSRF-TOKEN cookie, echoed as X-XSRF-TOKEN. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'X-XSRF-TOKEN';

/** The current token, or undefined before the console has set the cookie. */
export function csrfToken(cookies: string = document.cookie): string | undefined {
  for (const part of cookies.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === CSRF_COOKIE) {
      return decodeURIComponent(value.join('='));
    }
  }
  return undefined;
}

/** Whether a method changes state and therefore needs the token. */
export function needsCsrf(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS', 'TRACE'].includes(method.toUpperCase());
}
