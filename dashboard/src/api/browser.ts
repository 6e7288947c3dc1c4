/**
 * The few browser navigations the app makes, in one object so tests can replace them (jsdom cannot navigate).
 */
export const browser = {
  /** Leaves the app for another page (Stripe Checkout, the console's sign-in page). */
  assign(url: string): void {
    window.location.assign(url);
  },
};

/** The console's sign-in page: where any 401 sends the browser. */
export const LOGIN_PATH = '/login';
