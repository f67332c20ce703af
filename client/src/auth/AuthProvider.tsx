/**
 * Who is signed in. At start the stored refresh token is traded for a fresh pair
 * (auto-login while it works; offline, the stored session is kept so the cached
 * data stays readable). Signing out, by the user or because the service refused
 * the refresh token, runs the `onSignOut` callbacks (push token removal) and
 * clears the query cache and its persisted copy.
 */
import { useQueryClient } from '@tanstack/react-query';
import * as Device from 'expo-device';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Platform } from 'react-native';

import { api, ok } from '@/api/client';
import type { paths, Profile, TokenPair } from '@/api/types';
import { persister } from '@/query/client';

import { session } from './session';

export type AuthStatus = 'loading' | 'signedIn' | 'signedOut';

export type RegisterInput = { email: string; password: string; name: string; timezone?: string };
export type LoginInput = { email: string; password: string };
type RegisterBody = NonNullable<
  paths['/api/v1/auth/register']['post']['requestBody']
>['content']['application/json'];
type SignOutCallback = () => Promise<void> | void;

type AuthContextValue = {
  status: AuthStatus;
  /** The profile from the last sign-in (the `useMe` hook reads the live one). */
  user: Profile | null;
  register(input: RegisterInput): Promise<void>;
  login(input: LoginInput): Promise<void>;
  logout(): Promise<void>;
  /** Run `callback` before the session ends (while still authenticated); returns an unsubscribe. */
  onSignOut(callback: SignOutCallback): () => void;
};

const AuthContext = createContext<AuthContextValue | null>(null);

/** The device's name sent with a login (listed in Settings > Sessions). */
export function deviceName(): string {
  if (Platform.OS !== 'web') {
    const name = Device.deviceName ?? Device.modelName;
    return name ? `RunCoach on ${name}`.slice(0, 100) : `RunCoach ${Platform.OS} app`;
  }
  if (typeof navigator !== 'undefined' && navigator.userAgent) {
    const ua = navigator.userAgent;
    const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'browser';
    return `RunCoach web (${browser})`;
  }
  return 'RunCoach app';
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<Profile | null>(null);
  const callbacks = useRef(new Set<SignOutCallback>());

  const forget = useCallback(async () => {
    queryClient.clear();
    await persister.removeClient();
  }, [queryClient]);

  // the session ending anywhere (a refused refresh in the API client) signs out here
  useEffect(
    () =>
      session.subscribe((tokens) => {
        if (tokens === null) {
          setStatus('signedOut');
          setUser(null);
          void forget();
        } else {
          setStatus('signedIn');
        }
      }),
    [forget],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const stored = await session.load();
      if (!stored) {
        if (!cancelled) setStatus('signedOut');
        return;
      }
      await session.refresh(); // a refused token clears the session (-> signedOut)
      if (!cancelled && session.get()) setStatus('signedIn');
    })().catch(() => {
      if (!cancelled) setStatus('signedOut');
    });
    return () => {
      cancelled = true;
    };
  }, []);

  const start = useCallback(
    async (pair: TokenPair) => {
      await forget(); // nothing of a previous user stays in the cache
      setUser(pair.user);
      await session.set({ accessToken: pair.access_token, refreshToken: pair.refresh_token });
    },
    [forget],
  );

  const register = useCallback(
    async (input: RegisterInput) => {
      // the service checks the zone against its IANA list (422 names the field)
      const body = { ...input, device: deviceName() } as RegisterBody;
      await start(await ok(api.POST('/api/v1/auth/register', { body })));
    },
    [start],
  );

  const login = useCallback(
    async (input: LoginInput) => {
      const pair = await ok(
        api.POST('/api/v1/auth/login', { body: { ...input, device: deviceName() } }),
      );
      await start(pair);
    },
    [start],
  );

  const logout = useCallback(async () => {
    for (const callback of callbacks.current) {
      try {
        await callback();
      } catch {
        // a failed clean-up (offline) must not keep the user signed in
      }
    }
    const tokens = session.get();
    if (tokens) {
      try {
        await api.POST('/api/v1/auth/logout', { body: { refresh_token: tokens.refreshToken } });
      } catch {
        // offline: the tokens are forgotten here anyway and expire on the service
      }
    }
    await session.clear();
    setStatus('signedOut');
    setUser(null);
    await forget();
  }, [forget]);

  const onSignOut = useCallback((callback: SignOutCallback) => {
    callbacks.current.add(callback);
    return () => {
      callbacks.current.delete(callback);
    };
  }, []);

  const value = useMemo(
    () => ({ status, user, register, login, logout, onSignOut }),
    [status, user, register, login, logout, onSignOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
