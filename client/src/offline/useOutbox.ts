/**
 * The outbox in React: `useOutbox()` for what waits, `useOnline()` for the network,
 * and `useOutboxReplay()`, mounted once for the signed-in app, which sends what waits
 * at start, when the network comes back and when the app returns to the foreground.
 */
import NetInfo from '@react-native-community/netinfo';
import { onlineManager, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { AppState, Platform } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';
import { session } from '@/auth/session';

import { outbox, type OutboxEntry } from './outbox';

export type OutboxView = {
  /** How many changes wait to be sent. */
  pending: number;
  entries: readonly OutboxEntry[];
  /** Why the last change was dropped (null: nothing to tell). */
  lastError: string | null;
  dismissError(): void;
};

export function useOutbox(): OutboxView {
  const state = useSyncExternalStore(outbox.subscribe, outbox.getState, outbox.getState);
  return {
    pending: state.entries.length,
    entries: state.entries,
    lastError: state.lastError,
    dismissError: outbox.dismissError,
  };
}

/** Whether the app believes it is online (NetInfo on phones, the browser's events on the web). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => onlineManager.subscribe(listener),
    () => onlineManager.isOnline(),
    () => true,
  );
}

/** Mount once, signed in: replays the outbox at start, on reconnect and on foreground. */
export function useOutboxReplay(): void {
  const queryClient = useQueryClient();
  const { onSignOut } = useAuth();

  useEffect(() => {
    const detach = outbox.attach(queryClient);
    const replay = (now = false) => void outbox.replay(queryClient, { now });
    replay();

    let wasConnected = true;
    const stopNet =
      Platform.OS === 'web'
        ? (() => {
            const online = () => replay(true);
            globalThis.addEventListener?.('online', online);
            return () => globalThis.removeEventListener?.('online', online);
          })()
        : NetInfo.addEventListener((net) => {
            const connected = net.isConnected !== false;
            if (connected && !wasConnected) replay(true);
            wasConnected = connected;
          });
    const appState = AppState.addEventListener('change', (next) => {
      if (next === 'active') replay();
    });
    // the session ended without a sign-out (refused refresh): its changes cannot be sent
    const stopSession = session.subscribe((tokens) => {
      if (tokens === null) void outbox.clear();
    });
    // signing out: a last try while still authenticated, then forget them
    const stopSignOut = onSignOut(async () => {
      await outbox.replay(queryClient, { now: true });
      await outbox.clear();
    });
    return () => {
      detach();
      stopNet();
      appState.remove();
      stopSession();
      stopSignOut();
    };
  }, [queryClient, onSignOut]);
}
