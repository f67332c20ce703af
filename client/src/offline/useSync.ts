/**
 * Mount once, signed in: syncs (GET /sync) when the app opens and each time it returns
 * to the foreground (AppState 'active'; on the web, the page becoming visible). The
 * cursor is per user and forgotten at sign-out.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AppState, Platform } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';
import { session } from '@/auth/session';
import { useMe } from '@/hooks/useMe';

import { clearCursor, syncNow } from './sync';

export function useSync(): void {
  const queryClient = useQueryClient();
  const { status, onSignOut } = useAuth();
  const userId = useMe().data?.id ?? null;

  useEffect(() => {
    if (status !== 'signedIn' || !userId) return;
    const run = () => {
      // offline or a failing service: the next foreground or start tries again
      syncNow(queryClient, userId).catch(() => undefined);
    };
    run();
    const appState = AppState.addEventListener('change', (next) => {
      if (next === 'active') run();
    });
    const doc = Platform.OS === 'web' ? globalThis.document : undefined;
    const visible = () => {
      if (doc?.visibilityState === 'visible') run();
    };
    doc?.addEventListener('visibilitychange', visible);
    return () => {
      appState.remove();
      doc?.removeEventListener('visibilitychange', visible);
    };
  }, [queryClient, status, userId]);

  useEffect(() => {
    const stopSignOut = onSignOut(() => clearCursor(userId));
    const stopSession = session.subscribe((tokens) => {
      if (tokens === null) void clearCursor(userId);
    });
    return () => {
      stopSignOut();
      stopSession();
    };
  }, [onSignOut, userId]);
}
