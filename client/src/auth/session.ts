/**
 * The signed-in session: the tokens in memory (mirrored to tokenStorage), the one
 * refresh in flight, and who to tell when it ends. The API client and AuthProvider
 * both go through here; nothing else holds tokens.
 */
import { apiBaseUrl } from '@/api/baseUrl';

import { tokenStorage, type StoredTokens } from './tokenStorage';

type Listener = (tokens: StoredTokens | null) => void;

let current: StoredTokens | null = null;
let refreshing: Promise<string | null> | null = null;
const listeners = new Set<Listener>();

export const session = {
  /** The tokens now (null: signed out). */
  get(): StoredTokens | null {
    return current;
  },

  async load(): Promise<StoredTokens | null> {
    current = await tokenStorage.read();
    return current;
  },

  async set(tokens: StoredTokens): Promise<void> {
    current = tokens;
    await tokenStorage.write(tokens);
    listeners.forEach((l) => l(current));
  },

  /** Forget the tokens (here and in storage) and tell the listeners: the user is signed out. */
  async clear(): Promise<void> {
    const had = current !== null;
    current = null;
    refreshing = null;
    await tokenStorage.remove();
    if (had) listeners.forEach((l) => l(null));
  },

  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /**
   * Trade the refresh token for a new pair; concurrent callers share one request.
   * Resolves to the new access token, or null when there is none: a refused refresh
   * token (400/401) signs out; a network failure keeps the session (offline).
   */
  refresh(): Promise<string | null> {
    if (!refreshing) {
      refreshing = doRefresh().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  },
};

async function doRefresh(): Promise<string | null> {
  const tokens = current;
  if (!tokens) return null;
  let response: Response;
  try {
    response = await globalThis.fetch(`${apiBaseUrl()}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: tokens.refreshToken }),
    });
  } catch {
    return null; // offline: keep the session, the request fails as a network error
  }
  if (response.ok) {
    const body = (await response.json()) as { access_token: string; refresh_token: string };
    await session.set({ accessToken: body.access_token, refreshToken: body.refresh_token });
    return body.access_token;
  }
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    if (current === tokens) await session.clear();
  }
  return null;
}
