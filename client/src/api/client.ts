/**
 * The typed API client (openapi-fetch over the generated `paths`).
 *
 * Every request carries the session's access token. A 401 is answered by one
 * refresh (shared by all the requests that got it at the same time) and one retry;
 * when the refresh token is refused, the session ends (session.clear signs out).
 * Error answers become `ApiProblem`s through `ok()`.
 */
import createClient from 'openapi-fetch';

import { session } from '@/auth/session';

import { apiBaseUrl } from './baseUrl';
import { toProblem } from './problem';
import type { paths } from './schema';

const AUTH_PATHS = /\/api\/v1\/auth\/(login|register|refresh|logout)$/;

function withToken(request: Request, token: string | undefined): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return request;
}

/** fetch with the bearer token, refreshing once on 401 and retrying once. */
export async function fetchWithAuth(request: Request): Promise<Response> {
  const retry = request.clone();
  const used = session.get()?.accessToken;
  const first = await globalThis.fetch(withToken(request, used));
  if (first.status !== 401 || !used || AUTH_PATHS.test(new URL(request.url, 'http://x').pathname)) {
    return first;
  }
  // another request may have refreshed meanwhile: use its token rather than refresh again
  const now = session.get()?.accessToken;
  const token = now && now !== used ? now : await session.refresh();
  if (!token) return first;
  return globalThis.fetch(withToken(retry, token));
}

/** fetch(url, init) through the same token and refresh logic (multipart uploads). */
export function authedFetch(path: string, init: RequestInit): Promise<Response> {
  return fetchWithAuth(new Request(`${apiBaseUrl()}${path}`, init));
}

export const api = createClient<paths>({ baseUrl: apiBaseUrl(), fetch: fetchWithAuth });

type Result<D> = { data?: D; error?: unknown; response: Response };

/** The answer's data, or the problem it carries thrown as an `ApiProblem`. */
export async function ok<D>(call: Promise<Result<D>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw toProblem(response, error);
  return data as D;
}

/** For answers without a body (204): throws the problem of an error answer. */
export async function done(call: Promise<Result<unknown>>): Promise<void> {
  const { error, response } = await call;
  if (!response.ok) throw toProblem(response, error);
}
