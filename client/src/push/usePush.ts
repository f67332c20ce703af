/**
 * Mount once, signed in: registers this phone for pushes (and drops it at sign-out),
 * and opens what a tapped notification is about, also when the tap started the app.
 */
import * as Notifications from 'expo-notifications';
import { router } from 'expo-router';
import { useEffect } from 'react';
import { Platform } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';

import { pathForNotification } from './links';
import { registerForPush, unregisterPush } from './register';

let lastHandled: string | null = null;

function open(response: Notifications.NotificationResponse): void {
  const id = response.notification.request.identifier;
  if (id && id === lastHandled) return; // the cold-start tap is also delivered to the listener
  lastHandled = id;
  const data = response.notification.request.content.data as Record<string, unknown> | null;
  router.push(pathForNotification(data));
}

export function usePush(): void {
  const { status, onSignOut } = useAuth();

  useEffect(() => {
    if (status !== 'signedIn') return;
    registerForPush().catch(() => undefined); // refused or offline: no pushes, nothing else changes
    return onSignOut(unregisterPush);
  }, [status, onSignOut]);

  useEffect(() => {
    if (Platform.OS === 'web') return;
    const subscription = Notifications.addNotificationResponseReceivedListener(open);
    let cancelled = false;
    Notifications.getLastNotificationResponseAsync()
      .then((response) => {
        if (response && !cancelled) open(response);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      subscription.remove();
    };
  }, []);
}
