/**
 * A stand-in for the service at the network edge: `global.fetch` answers like the API
 * (JSON, problem+json, 204s). Tests register handlers per "METHOD /path" (path
 * parameters as `{name}`) and read `calls` to see what the app sent.
 */
export type FakeRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
  params: Record<string, string>;
};

export type FakeAnswer = { status?: number; body?: unknown; headers?: Record<string, string> };
export type Handler = (request: FakeRequest) => FakeAnswer | Promise<FakeAnswer>;

type Route = { method: string; pattern: RegExp; names: string[]; handler: Handler };

export type FakeApi = {
  on(route: string, handler: Handler | FakeAnswer): FakeApi;
  calls: FakeRequest[];
  callsTo(route: string): FakeRequest[];
  fetch: jest.Mock<Promise<Response>, [RequestInfo | URL, RequestInit?]>;
};

export function problem(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): FakeAnswer {
  return {
    status,
    body: { type: 'about:blank', title: code, status, code, detail, ...extra },
    headers: { 'Content-Type': 'application/problem+json' },
  };
}

async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get('Content-Type') ?? '';
  if (type.includes('multipart/form-data')) return request.formData().catch(() => null);
  const text = await request.text().catch(() => '');
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Replace global.fetch with the fake API; unmatched requests answer 404 not_found. */
export function installFakeApi(): FakeApi {
  const routes: Route[] = [];
  const calls: FakeRequest[] = [];
  const fetchMock = jest.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const url = new URL(request.url, 'http://127.0.0.1:8000');
    const base = {
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: await readBody(request),
    };
    for (const route of routes) {
      const match = route.method === base.method ? route.pattern.exec(base.path) : null;
      if (!match) continue;
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]));
      const call = { ...base, params };
      calls.push(call);
      const answer = await route.handler(call);
      const status = answer.status ?? 200;
      const isJson = answer.body !== undefined && status !== 204;
      return new Response(isJson ? JSON.stringify(answer.body) : null, {
        status,
        headers: { ...(isJson ? { 'Content-Type': 'application/json' } : {}), ...answer.headers },
      });
    }
    calls.push({ ...base, params: {} });
    const missing = problem(404, 'not_found', `No fake for ${base.method} ${base.path}`);
    return new Response(JSON.stringify(missing.body), { status: 404, headers: missing.headers });
  });
  globalThis.fetch = fetchMock as unknown as typeof fetch;
  const api: FakeApi = {
    on(route, handler) {
      const [method = 'GET', path = '/'] = route.split(' ');
      const names: string[] = [];
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string, b: string) => {
        names.push(a ?? b);
        return '([^/]+)';
      });
      const h: Handler = typeof handler === 'function' ? handler : () => handler;
      // later registrations win (a test overrides the defaults)
      routes.unshift({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), names, handler: h });
      return api;
    },
    calls,
    callsTo(route) {
      const [method = 'GET', path = '/'] = route.split(' ');
      return calls.filter((c) => c.method === method.toUpperCase() && c.path === path);
    },
    fetch: fetchMock,
  };
  return api;
}
