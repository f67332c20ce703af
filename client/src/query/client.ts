/**
 * The one QueryClient and its persister: recent answers are kept on the device
 * (AsyncStorage on phones, localStorage on the web) so they are readable offline.
 */
import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo from '@react-native-community/netinfo';
import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { QueryClient, onlineManager } from '@tanstack/react-query';
import { Platform } from 'react-native';

import { ApiProblem } from '@/api/problem';

export const CACHE_MAX_AGE = 1000 * 60 * 60 * 24 * 7; // a week
export const PERSIST_KEY = 'runcoach.query-cache';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        gcTime: CACHE_MAX_AGE,
        staleTime: 30_000,
        // a 4xx will not change by asking again; network errors and 5xx are retried
        retry: (count, error) =>
          !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

type KeyValueStorage = {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
};

const webStorage: KeyValueStorage = {
  getItem: async (key) => globalThis.localStorage?.getItem(key) ?? null,
  setItem: async (key, value) => globalThis.localStorage?.setItem(key, value),
  removeItem: async (key) => globalThis.localStorage?.removeItem(key),
};

export const cacheStorage: KeyValueStorage = Platform.OS === 'web' ? webStorage : AsyncStorage;

export const persister = createAsyncStoragePersister({
  storage: cacheStorage,
  key: PERSIST_KEY,
  throttleTime: 1000,
});

/** Phones learn about connectivity from NetInfo (the web uses the browser's events). */
export function followConnectivity(): () => void {
  if (Platform.OS === 'web') return () => undefined;
  onlineManager.setEventListener((setOnline) =>
    NetInfo.addEventListener((state) => setOnline(state.isConnected !== false)),
  );
  return () => onlineManager.setEventListener(() => () => undefined);
}
