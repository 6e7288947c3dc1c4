/*
 * The one API client. Every call of the app goes through a client made here, so every call gets the same two rules:
 * a state-changing call carries the console's CSRF token, and a 401 (the session ended) sends the browser to the
 * console's sign-in page. Everything is same-origin: the console relays /api/** to the services.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { browser, LOGIN_PATH } from './browser';
import { CSRF_HEADER, csrfToken, needsCsrf } from './csrf';
import { ApiError } from './errors';

/** Echoes the XSRF-TOKEN cookie as X-XSRF-TOKEN on POST, PUT, PATCH and DELETE. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (needsCsrf(request.method)) {
      const token = csrfToken();
      if (token) {
        request.headers.set(CSRF_HEADER, token);
      }
    }
    return request;
  },
};

/** A 401 means the console no longer knows this browser: sign in again (the API never redirects by itself). */
export const unauthorizedMiddleware: Middleware = {
  onResponse({ response }) {
    if (response.status === 401) {
      browser.assign(LOGIN_PATH);
    }
    return response;
  },
};

/** A client for one service's generated `paths`, with the app's middleware. */
export function apiClient<Paths extends {}>(): Client<Paths> {
  const client = createClient<Paths>({
    baseUrl: window.location.origin,
    credentials: 'same-origin',
    // Looked up at call time (not captured at creation) so tests can stub the network edge.
    fetch: (input: Request) => globalThis.fetch(input),
  });
  client.use(csrfMiddleware, unauthorizedMiddleware);
  return client;
}

// The APIs without an OpenAPI document (console /api/me, alert notifications, gateway keys) go through an untyped
// client: their shapes are typed by hand in types.ts and keys.ts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const untyped = apiClient<any>();

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | boolean | string[] | undefined>;
  body?: unknown;
}

/** Calls an API and answers its JSON body; throws ApiError with the API's own message when it refuses. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const { data, error, response } = await untyped.request(method.toLowerCase() as 'get', path, {
    params: { query: options.query },
    body: options.body,
  });
  return unwrap<T>({ data, error, response });
}

/**
 * An answer's body with its HTTP status, for calls whose successes differ by status (a refund: 201 done, 202 sent to
 * Stripe, 200 a repeat of an earlier request).
 */
export interface Answered<T> {
  status: number;
  body: T;
}

/** Like unwrap, keeping the status of a successful answer. */
export function unwrapAnswered<T>(answer: { data?: unknown; error?: unknown; response: Response }): Answered<T> {
  return { status: answer.response.status, body: unwrap<T>(answer) };
}

/** Turns an openapi-fetch answer into its data, or throws the API's refusal as an ApiError. */
export function unwrap<T>(answer: { data?: unknown; error?: unknown; response: Response }): T {
  if (!answer.response.ok || answer.error !== undefined) {
    throw ApiError.of(answer.response.status, answer.error);
  }
  return answer.data as T;
}
