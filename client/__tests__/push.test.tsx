import AsyncStorage from '@react-native-async-storage/async-storage';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import * as Notifications from 'expo-notifications';
import { router } from 'expo-router';
import { Text, View } from 'react-native';

import { useAuth } from '@/auth/AuthProvider';
import { tokenStorage } from '@/auth/tokenStorage';
import { pathForNotification } from '@/push/links';
import { usePush } from '@/push/usePush';
import { AppProviders } from '@/test/appProviders';
import { installFakeApi, type FakeApi } from '@/test/fakeApi';
import { tokenPair } from '@/test/fixtures';
import { signedIn } from '@/test/render';
import { Button } from '@/ui';

jest.mock('expo-device', () => ({ isDevice: true, deviceName: 'Test phone', modelName: 'Phone' }));

jest.mock('expo-notifications', () => ({
  getPermissionsAsync: jest.fn(async () => ({ status: 'undetermined', granted: false, canAskAgain: true })),
  requestPermissionsAsync: jest.fn(async () => ({ status: 'granted', granted: true, canAskAgain: true })),
  getExpoPushTokenAsync: jest.fn(async () => ({ type: 'expo', data: 'ExponentPushToken[abc]' })),
  setNotificationChannelAsync: jest.fn(async () => null),
  addNotificationResponseReceivedListener: jest.fn(() => ({ remove: jest.fn() })),
  getLastNotificationResponseAsync: jest.fn(async () => null),
  AndroidImportance: { DEFAULT: 3 },
}));

jest.mock('expo-router', () => ({ router: { push: jest.fn() } }));

function Harness() {
  usePush();
  const { status, logout } = useAuth();
  return (
    <View>
      <Text>{status}</Text>
      <Button label="Sign out" onPress={() => void logout()} />
    </View>
  );
}

function tap(data: Record<string, unknown>, identifier = 'n1') {
  return { actionIdentifier: 'default', notification: { date: 0, request: { identifier, content: { title: 'RunCoach', body: '', data } } } };
}

let api: FakeApi;

beforeEach(async () => {
  jest.clearAllMocks();
  await tokenStorage.remove();
  await AsyncStorage.clear();
  await signedIn(0);
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('POST /api/v1/auth/logout', { status: 204 })
    .on('POST /api/v1/push-tokens', { status: 201, body: { token: 'ExponentPushToken[abc]', platform: 'ios' } })
    .on('DELETE /api/v1/push-tokens/{token}', { status: 204 });
});

async function start() {
  await render(
    <AppProviders>
      <Harness />
    </AppProviders>,
  );
}

test('signed in on a phone: permission asked, the token registered; signing out drops it', async () => {
  await start();
  await waitFor(() => expect(api.callsTo('POST /api/v1/push-tokens')).toHaveLength(1));
  expect(Notifications.requestPermissionsAsync).toHaveBeenCalled();
  expect(api.callsTo('POST /api/v1/push-tokens')[0]?.body).toEqual({ token: 'ExponentPushToken[abc]', platform: 'ios' });
  expect(api.callsTo('POST /api/v1/push-tokens')[0]?.headers.get('Authorization')).toBe('Bearer access-1');

  await fireEvent.press(screen.getByRole('button', { name: 'Sign out' }));
  expect(await screen.findByText('signedOut')).toBeTruthy();
  const [drop] = api.calls.filter((c) => c.method === 'DELETE');
  expect(drop?.path).toBe('/api/v1/push-tokens/ExponentPushToken%5Babc%5D');
  expect(drop?.headers.get('Authorization')).toBe('Bearer access-1'); // before the session ended
});

test('permission refused: nothing is registered', async () => {
  (Notifications.requestPermissionsAsync as jest.Mock).mockResolvedValueOnce({ status: 'denied', granted: false, canAskAgain: false });
  await start();
  expect(await screen.findByText('signedIn')).toBeTruthy();
  await waitFor(() => expect(Notifications.requestPermissionsAsync).toHaveBeenCalled());
  expect(Notifications.getExpoPushTokenAsync).not.toHaveBeenCalled();
  expect(api.callsTo('POST /api/v1/push-tokens')).toHaveLength(0);
});

test('a tap opens what the notification is about', async () => {
  await start();
  await waitFor(() => expect(Notifications.addNotificationResponseReceivedListener).toHaveBeenCalled());
  const listener = (Notifications.addNotificationResponseReceivedListener as jest.Mock).mock.calls[0][0] as (r: object) => void;
  await act(async () => listener(tap({ plan_id: 'p1' }, 'a')));
  expect(router.push).toHaveBeenLastCalledWith('/plans/p1');
  await act(async () => listener(tap({ url: '/analysis/a9', plan_id: 'p1' }, 'b')));
  expect(router.push).toHaveBeenLastCalledWith('/analysis/a9');
  await act(async () => listener(tap({}, 'c')));
  expect(router.push).toHaveBeenLastCalledWith('/dashboard/notifications');
});

test('a tap that started the app is opened once', async () => {
  (Notifications.getLastNotificationResponseAsync as jest.Mock).mockResolvedValueOnce(tap({ analysis_id: 'a1' }, 'cold'));
  await start();
  await waitFor(() => expect(router.push).toHaveBeenCalledWith('/analysis/a1'));
  const listener = (Notifications.addNotificationResponseReceivedListener as jest.Mock).mock.calls[0][0] as (r: object) => void;
  await act(async () => listener(tap({ analysis_id: 'a1' }, 'cold')));
  expect(router.push).toHaveBeenCalledTimes(1);
});

test('links: app paths and runcoach:// links; anything else falls back', () => {
  expect(pathForNotification({ url: 'runcoach://plans/p2' })).toBe('/plans/p2');
  expect(pathForNotification({ url: 'https://evil.example/x', plan_id: 'p3' })).toBe('/plans/p3');
  expect(pathForNotification({ url: '//evil.example' })).toBe('/dashboard/notifications');
  expect(pathForNotification(null)).toBe('/dashboard/notifications');
});
