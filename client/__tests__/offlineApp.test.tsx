import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo from '@react-native-community/netinfo';
import { act, fireEvent, waitFor } from 'expo-router/testing-library';

import type { NewWorkoutBody } from '@/offline/outbox';
import { outbox } from '@/offline/outbox';
import { tokenStorage } from '@/auth/tokenStorage';
import { installFakeApi, type FakeApi } from '@/test/fakeApi';
import { profile, tokenPair, workoutDetail } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let api: FakeApi;

async function network(connected: boolean) {
  const listeners = (NetInfo.addEventListener as jest.Mock).mock.calls.map((c) => c[0] as (s: object) => void);
  await act(async () => listeners.forEach((l) => l({ isConnected: connected, isInternetReachable: connected })));
}

beforeEach(async () => {
  (NetInfo.addEventListener as jest.Mock).mockClear();
  await outbox.clear();
  await tokenStorage.remove();
  await AsyncStorage.clear();
  await signedIn(0);
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/workouts', { body: { items: [], next_cursor: null } });
});

test('in the app: a workout logged offline is shown waiting, then sent once when back online', async () => {
  const saved = workoutDetail(9, { title: 'Evening tempo' });
  api.on('POST /api/v1/workouts', (req) => ({ status: 201, body: { ...saved, client_id: (req.body as NewWorkoutBody).client_id ?? null } }));
  await renderApp('/workouts/new');
  await network(false);

  await fireEvent.changeText(await screen.findByLabelText('Date'), '2026-11-30');
  await fireEvent.changeText(screen.getByLabelText('Start time'), '18:30');
  await fireEvent.changeText(screen.getByLabelText('Duration'), '0:42:10');
  await fireEvent.changeText(screen.getByLabelText('Title'), 'Evening tempo');
  await fireEvent.press(screen.getByRole('button', { name: 'Save workout' }));

  expect(await screen.findByText('You are offline - 1 change will be sent when you reconnect')).toBeTruthy();
  expect((await screen.findAllByText('Evening tempo · Waiting to sync')).length).toBeGreaterThan(0);
  expect(api.callsTo('POST /api/v1/workouts')).toHaveLength(0);

  await network(true);
  await waitFor(() => expect(api.callsTo('POST /api/v1/workouts')).toHaveLength(1));
  expect((api.callsTo('POST /api/v1/workouts')[0]?.body as NewWorkoutBody).client_id).toMatch(/^[0-9a-f-]{36}$/);
  await waitFor(() => expect(screen.queryByText(/You are offline/)).toBeNull());
});
