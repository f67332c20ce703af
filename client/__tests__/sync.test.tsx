import AsyncStorage from '@react-native-async-storage/async-storage';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react-native';
import { useEffect } from 'react';
import { AppState, Text, View } from 'react-native';

import type { SyncAnswer } from '@/offline/sync';
import { tokenStorage } from '@/auth/tokenStorage';
import { keys } from '@/hooks/keys';
import { useWorkouts } from '@/hooks/useWorkouts';
import { useSync } from '@/offline/useSync';
import { AppProviders } from '@/test/appProviders';
import { installFakeApi, problem, type FakeApi, type FakeAnswer } from '@/test/fakeApi';
import { profile, tokenPair, workout, workoutDetail } from '@/test/fixtures';
import { signedIn } from '@/test/render';

const CURSOR = `runcoach.sync-cursor.${profile.id}`;

let client: QueryClient | null = null;

function Harness() {
  useSync();
  const queryClient = useQueryClient();
  useEffect(() => {
    client = queryClient;
  }, [queryClient]);
  const list = useWorkouts();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <View>
      <Text>{list.isSuccess ? 'loaded' : 'loading'}</Text>
      {items.map((w) => (
        <Text key={w.id}>{w.title}</Text>
      ))}
    </View>
  );
}

function answer(part: Partial<{ changed: Partial<SyncAnswer['changed']>; deleted: Partial<SyncAnswer['deleted']> }>, cursor: string, hasMore = false): FakeAnswer {
  return {
    body: {
      changed: { workouts: [], health_metrics: [], plans: [], notifications: [], ...part.changed },
      deleted: { workouts: [], health_metrics: [], plans: [], notifications: [], ...part.deleted },
      cursor,
      has_more: hasMore,
    } satisfies SyncAnswer,
  };
}

/** The app coming back to the foreground (AppState listeners told 'active'). */
async function foreground() {
  const listeners = (AppState.addEventListener as jest.Mock).mock.calls
    .filter((c) => c[0] === 'change')
    .map((c) => c[1] as (s: string) => void);
  await act(async () => listeners.forEach((l) => l('active')));
}

let api: FakeApi;

beforeEach(async () => {
  (AppState.addEventListener as jest.Mock).mockClear();
  await tokenStorage.remove();
  await AsyncStorage.clear();
  await signedIn(0);
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile });
});

test('first sync has no cursor and pages; the next one sends the cursor; a tombstone removes the workout', async () => {
  let list = [workout(1), workout(2)];
  let release: (() => void) | null = null;
  api.on('GET /api/v1/workouts', async () => {
    if (release === null) return { body: { items: list, next_cursor: null } };
    await new Promise<void>((resolve) => {
      release = resolve;
    });
    return { body: { items: list, next_cursor: null } };
  });
  const pages: FakeAnswer[] = [
    answer({ changed: { workouts: [workoutDetail(1), workoutDetail(2)] } }, 'c1', true),
    answer({}, 'c2'),
    answer({ deleted: { workouts: ['w1'] } }, 'c3'),
  ];
  api.on('GET /api/v1/sync', () => pages.shift() ?? answer({}, 'c-end'));

  await render(
    <AppProviders>
      <Harness />
    </AppProviders>,
  );
  expect(await screen.findByText('Run 1')).toBeTruthy();
  await waitFor(() => expect(api.callsTo('GET /api/v1/sync')).toHaveLength(2));
  await waitFor(async () => expect(await AsyncStorage.getItem(CURSOR)).toBe('c2'));
  const [first, second] = api.callsTo('GET /api/v1/sync');
  expect(first?.query.has('since')).toBe(false);
  expect(second?.query.get('since')).toBe('c1');
  expect(client?.getQueryData(keys.workout('w2'))).toEqual(workoutDetail(2));

  // on the service w1 is deleted; the list's refetch is held back: the cache alone drops it
  list = [workout(2)];
  release = () => undefined;
  await foreground();
  await waitFor(() => expect(screen.queryByText('Run 1')).toBeNull());
  expect(screen.getByText('Run 2')).toBeTruthy();
  const third = api.callsTo('GET /api/v1/sync')[2];
  expect(third?.query.get('since')).toBe('c2');
  expect(client?.getQueryData(keys.workout('w1'))).toBeUndefined();
  await waitFor(async () => expect(await AsyncStorage.getItem(CURSOR)).toBe('c3'));
  await act(async () => release?.());
});

test('an expired cursor (410) is dropped for a full sync', async () => {
  await AsyncStorage.setItem(CURSOR, 'too-old');
  api
    .on('GET /api/v1/workouts', { body: { items: [], next_cursor: null } })
    .on('GET /api/v1/sync', (req) =>
      req.query.get('since') === 'too-old'
        ? problem(410, 'sync_cursor_expired', 'sync again without `since`')
        : answer({ changed: { workouts: [workoutDetail(5)] } }, 'fresh'),
    );

  await render(
    <AppProviders>
      <Harness />
    </AppProviders>,
  );
  await waitFor(async () => expect(await AsyncStorage.getItem(CURSOR)).toBe('fresh'));
  const calls = api.callsTo('GET /api/v1/sync');
  expect(calls.map((c) => c.query.get('since'))).toEqual(['too-old', null]);
  expect(client?.getQueryData(keys.workout('w5'))).toEqual(workoutDetail(5));
});
