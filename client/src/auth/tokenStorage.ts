/**
 * Where the session's tokens are kept between launches: the Keychain / Keystore
 * (expo-secure-store) on phones, localStorage on the web. One interface for both.
 */
import * as SecureStore from 'expo-secure-store';
import { Platform } from 'react-native';

export type StoredTokens = { accessToken: string; refreshToken: string };

export interface TokenStorage {
  read(): Promise<StoredTokens | null>;
  write(tokens: StoredTokens): Promise<void>;
  remove(): Promise<void>;
}

const KEY = 'runcoach.session';

function parse(raw: string | null): StoredTokens | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (
      typeof value === 'object' &&
      value !== null &&
      'accessToken' in value &&
      'refreshToken' in value &&
      typeof value.accessToken === 'string' &&
      typeof value.refreshToken === 'string'
    ) {
      return { accessToken: value.accessToken, refreshToken: value.refreshToken };
    }
  } catch {
    // a corrupt entry is no session
  }
  return null;
}

const secureStore: TokenStorage = {
  async read() {
    return parse(await SecureStore.getItemAsync(KEY));
  },
  async write(tokens) {
    await SecureStore.setItemAsync(KEY, JSON.stringify(tokens));
  },
  async remove() {
    await SecureStore.deleteItemAsync(KEY);
  },
};

const webStorage: TokenStorage = {
  async read() {
    return parse(globalThis.localStorage?.getItem(KEY) ?? null);
  },
  async write(tokens) {
    globalThis.localStorage?.setItem(KEY, JSON.stringify(tokens));
  },
  async remove() {
    globalThis.localStorage?.removeItem(KEY);
  },
};

export const tokenStorage: TokenStorage = Platform.OS === 'web' ? webStorage : secureStore;
