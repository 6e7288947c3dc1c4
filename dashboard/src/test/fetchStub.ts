import { vi } from 'vitest';

/** One stubbed route: `GET /api/me` or `POST /api/payments/checkout`; the handler answers a body or a Response. */
export type Handler = (request: Request, url: URL) => unknown;

export interface FetchStub {
  /** Every request the app made, in order. */
  calls: Request[];
  /** The URLs of the calls whose path is `path`. */
  urls(path: string): URL[];
}

/**
 * Replaces fetch at the network edge: each request is matched by method and path (query ignored) to a handler.
 * An unmatched request answers 404 so a test notices a call it did not expect.
 */
export function stubFetch(routes: Record<string, Handler | unknown>): FetchStub {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(new URL(String(input), window.location.origin), init);
    calls.push(request);
    const url = new URL(request.url);
    const route = routes[`${request.method} ${decodeURIComponent(url.pathname)}`];
    if (route === undefined) {
      return json({ error: { message: `no stub for ${request.method} ${url.pathname}`, code: 'not_stubbed' } }, 404);
    }
    const answer = typeof route === 'function' ? await (route as Handler)(request, url) : route;
    return answer instanceof Response ? answer : json(answer, 200);
  }));
  return {
    calls,
    urls: (path) => calls.map((c) => new URL(c.url)).filter((u) => decodeURIComponent(u.pathname) === path),
  };
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
