/**
 * The Expo push token of this phone, registered with the service after sign-in
 * (POST /push-tokens) and dropped at sign-out (DELETE /push-tokens/{token}). Phones
 * only: not on the web, not on a simulator (expo-device `isDevice`).
 */
import Constants from 'expo-constants';
import * as Device from 'expo-device';
import * as Notifications from 'expo-notifications';
import { Platform } from 'react-native';

import { api, done, ok } from '@/api/client';

let registered: string | null = null;

/** The EAS project id from the app config, when set (the push service needs it in builds). */
function projectId(): string | undefined {
  const extra: unknown = Constants.expoConfig?.extra?.eas?.projectId;
  const fromEas: unknown = Constants.easConfig?.projectId;
  const id = typeof extra === 'string' ? extra : typeof fromEas === 'string' ? fromEas : undefined;
  return id || undefined;
}

async function permitted(): Promise<boolean> {
  const now = await Notifications.getPermissionsAsync();
  if (now.granted) return true;
  if (!now.canAskAgain) return false;
  return (await Notifications.requestPermissionsAsync()).granted;
}

/** Ask permission, get the token and register it; answers it (null: no push here). */
export async function registerForPush(): Promise<string | null> {
  if (Platform.OS !== 'ios' && Platform.OS !== 'android') return null;
  if (!Device.isDevice) return null;
  if (Platform.OS === 'android') {
    await Notifications.setNotificationChannelAsync('default', {
      name: 'RunCoach',
      importance: Notifications.AndroidImportance.DEFAULT,
    });
  }
  if (!(await permitted())) return null;
  const id = projectId();
  const { data: token } = await Notifications.getExpoPushTokenAsync(id ? { projectId: id } : undefined);
  await ok(api.POST('/api/v1/push-tokens', { body: { token, platform: Platform.OS } }));
  registered = token;
  return token;
}

/** Drop this phone's token from the service (at sign-out, while still authenticated). */
export async function unregisterPush(): Promise<void> {
  const token = registered;
  if (!token) return;
  registered = null;
  await done(api.DELETE('/api/v1/push-tokens/{token}', { params: { path: { token } } }));
}
