import AsyncStorage from '@react-native-async-storage/async-storage';
import NetInfo from '@react-native-community/netinfo';
import { useQueryClient } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react-native';
import { useState } from 'react';
import { Text, View } from 'react-native';

import { ApiProblem } from '@/api/problem';
import type { WorkoutDetail } from '@/api/types';
import { tokenStorage } from '@/auth/tokenStorage';
import { useWorkouts } from '@/hooks/useWorkouts';
import { OfflineBanner } from '@/offline/OfflineBanner';
import { outbox, type NewWorkoutBody } from '@/offline/outbox';
import { useOutbox, useOutboxReplay } from '@/offline/useOutbox';
import { AppProviders } from '@/test/appProviders';
import { installFakeApi, problem, type FakeApi, type FakeRequest } from '@/test/fakeApi';
import { tokenPair, workoutDetail } from '@/test/fixtures';
import { signedIn } from '@/test/render';
import { Button } from '@/ui';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const NEW_RUN: NewWorkoutBody = {
  sport: 'run',
  started_at: '2026-11-30T07:00:00Z',
  duration_s: 1800,
  distance_m: 6000,
  title: 'Easy run',
};

/** A piece of the app: the workouts list, the banner and a "Save" that logs NEW_RUN. */
function Harness() {
  useOutboxReplay();
  const queryClient = useQueryClient();
  const list = useWorkouts();
  const { pending } = useOutbox();
  const [error, setError] = useState('');
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <View>
      <OfflineBanner />
      {items.map((w) => (
        <Text key={w.id}>{w.title}</Text>
      ))}
      <Text>{`${pending} waiting`}</Text>
      {error ? <Text>{error}</Text> : null}
      <Button
        label="Save"
        onPress={() => {
          outbox.logWorkout(queryClient, NEW_RUN).catch((e: unknown) => setError(e instanceof ApiProblem ? e.detail : String(e)));
        }}
      />
    </View>
  );
}

/** The service's workouts, idempotent by client_id like the real one. */
function fakeWorkouts(api: FakeApi) {
  const stored: WorkoutDetail[] = [];
  const post = jest.fn((req: FakeRequest) => {
    const body = req.body as NewWorkoutBody;
    const same = stored.find((w) => w.client_id === body.client_id);
    if (same) return { status: 200, body: same };
    const saved = workoutDetail(100 + stored.length, { ...body, id: `srv-${stored.length + 1}`, client_id: body.client_id ?? null, title: body.title ?? null });
    stored.push(saved);
    return { status: 201, body: saved };
  });
  api
    .on('GET /api/v1/workouts', () => ({ body: { items: [...stored], next_cursor: null } }))
    .on('POST /api/v1/workouts', (req) => post(req));
  return { stored, post };
}

/** What NetInfo tells its listeners (the query client's and the outbox's). */
async function network(connected: boolean) {
  const listeners = (NetInfo.addEventListener as jest.Mock).mock.calls.map((c) => c[0] as (s: object) => void);
  await act(async () => listeners.forEach((l) => l({ isConnected: connected, isInternetReachable: connected })));
}

let api: FakeApi;

beforeEach(async () => {
  (NetInfo.addEventListener as jest.Mock).mockClear();
  await outbox.clear();
  await tokenStorage.remove();
  await AsyncStorage.clear();
  await signedIn(0);
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: tokenPair(1).user });
});

async function start() {
  await render(
    <AppProviders>
      <Harness />
    </AppProviders>,
  );
  await screen.findByText('0 waiting');
  await network(true);
}

test('logged offline: queued, shown as waiting; back online it is sent once with its client_id', async () => {
  const server = fakeWorkouts(api);
  await start();
  await network(false);

  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Easy run · Waiting to sync')).toBeTruthy();
  expect(screen.getByRole('alert')).toHaveTextContent('You are offline - 1 change will be sent when you reconnect');
  expect(server.post).not.toHaveBeenCalled();
  const [queued] = outbox.getState().entries;
  expect(JSON.parse((await AsyncStorage.getItem('runcoach.outbox')) ?? '{}').entries).toHaveLength(1);

  await network(true);
  await waitFor(() => expect(screen.getByText('Easy run')).toBeTruthy());
  expect(screen.queryByText(/Waiting to sync/)).toBeNull();
  expect(screen.getByText('0 waiting')).toBeTruthy();
  expect(server.post).toHaveBeenCalledTimes(1);
  const sent = api.callsTo('POST /api/v1/workouts')[0]?.body as NewWorkoutBody;
  expect(sent.client_id).toMatch(UUID);
  expect(queued?.kind === 'workout' && queued.body.client_id).toBe(sent.client_id);
  expect(server.stored).toHaveLength(1);
});

test('a retry after a lost answer does not duplicate the workout', async () => {
  const server = fakeWorkouts(api);
  let lose = true;
  api.on('POST /api/v1/workouts', (req) => {
    const answer = server.post(req);
    if (lose) {
      lose = false;
      throw new TypeError('Network request failed'); // stored, but the answer never came
    }
    return answer;
  });
  await start();

  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Easy run · Waiting to sync')).toBeTruthy();
  expect(server.stored).toHaveLength(1);

  await network(false);
  await network(true);
  await waitFor(() => expect(screen.getByText('0 waiting')).toBeTruthy());
  await waitFor(() => expect(screen.getAllByText('Easy run')).toHaveLength(1));
  const sent = api.callsTo('POST /api/v1/workouts').map((c) => (c.body as NewWorkoutBody).client_id);
  expect(sent).toHaveLength(2);
  expect(sent[0]).toBe(sent[1]);
  expect(server.stored).toHaveLength(1);
  expect(screen.queryByText(/Waiting to sync/)).toBeNull();
});

test('a refused change (422) is dropped with a note', async () => {
  fakeWorkouts(api);
  await start();
  await network(false);
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Easy run · Waiting to sync')).toBeTruthy();

  api.on('POST /api/v1/workouts', problem(422, 'validation_error', 'started_at: cannot be in the future'));
  await network(true);
  expect(await screen.findByText(/could not be saved: started_at: cannot be in the future/)).toBeTruthy();
  expect(screen.getByText('0 waiting')).toBeTruthy();
  expect(screen.queryByText('Easy run · Waiting to sync')).toBeNull();
  expect(screen.queryByText('Easy run')).toBeNull();
  expect(api.callsTo('POST /api/v1/workouts')).toHaveLength(1);

  await fireEvent.press(screen.getByRole('button', { name: 'Dismiss' }));
  expect(screen.queryByText(/could not be saved/)).toBeNull();
});

test('a 5xx keeps the change for a later try', async () => {
  const server = fakeWorkouts(api);
  api.on('POST /api/v1/workouts', problem(503, 'unavailable', 'Try later'));
  await start();
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('Easy run · Waiting to sync')).toBeTruthy();
  expect(screen.getByText('1 waiting')).toBeTruthy();

  expect(outbox.getState().entries).toHaveLength(1);

  api.on('POST /api/v1/workouts', (req) => server.post(req));
  await network(false);
  await network(true);
  await waitFor(() => expect(screen.getByText('0 waiting')).toBeTruthy());
  expect(server.stored).toHaveLength(1);
});

test('online, a refusal goes straight to the form and nothing is queued', async () => {
  fakeWorkouts(api);
  api.on('POST /api/v1/workouts', problem(409, 'conflict', 'a workout of this sport starting at this time already exists'));
  await start();
  await fireEvent.press(screen.getByRole('button', { name: 'Save' }));
  expect(await screen.findByText('a workout of this sport starting at this time already exists')).toBeTruthy();
  expect(screen.getByText('0 waiting')).toBeTruthy();
});
