import Constants from 'expo-constants';
import { Platform } from 'react-native';

/**
 * Where the API is. The web export is served by the service itself, so the web app
 * calls its own origin with relative URLs; phones need an address, fixed at build
 * time (EXPO_PUBLIC_API_URL or app config `extra.apiUrl`), defaulting to the host
 * machine as seen from the Android emulator / iOS simulator.
 */
export function apiBaseUrl(): string {
  if (Platform.OS === 'web') return '';
  const fromEnv = process.env.EXPO_PUBLIC_API_URL;
  const extra: unknown = Constants.expoConfig?.extra?.apiUrl;
  const configured = fromEnv || (typeof extra === 'string' ? extra : '');
  if (configured) return configured.replace(/\/+$/, '');
  return Platform.OS === 'android' ? 'http://10.0.2.2:8000' : 'http://127.0.0.1:8000';
}
