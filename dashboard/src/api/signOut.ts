import { browser } from './browser';
import { CSRF_HEADER, csrfToken } from './csrf';

/** Ends the console session (POST /logout with the CSRF header), then shows the sign-in page. */
export async function signOut(): Promise<void> {
  const token = csrfToken();
  try {
    await fetch('/logout', {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: token ? { [CSRF_HEADER]: token } : {},
    });
  } finally {
    browser.assign('/login?logout');
  }
}
