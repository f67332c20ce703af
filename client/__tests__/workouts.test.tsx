import AsyncStorage from '@react-native-async-storage/async-storage';
import { fireEvent, waitFor } from 'expo-router/testing-library';
import { Share } from 'react-native';

import { tokenStorage } from '@/auth/tokenStorage';
import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { profile, tokenPair, workout, workoutDetail } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let api: FakeApi;

beforeEach(async () => {
  await tokenStorage.remove();
  await AsyncStorage.clear();
  await signedIn(0);
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/me', { body: profile });
});

const page1 = Array.from({ length: 20 }, (_, i) => workout(i + 1));
const page2 = Array.from({ length: 5 }, (_, i) => workout(i + 21));

test('the list loads the next page on next_cursor when its end is reached', async () => {
  // short pages so that every row is rendered (FlatList renders a first window only)
  api.on('GET /api/v1/workouts', ({ query }) =>
    query.get('cursor') === 'c2'
      ? { body: { items: page2.slice(0, 2), next_cursor: null } }
      : { body: { items: page1.slice(0, 3), next_cursor: 'c2' } },
  );
  await renderApp('/workouts');
  expect(await screen.findByText('Run 3')).toBeTruthy();
  expect(screen.queryByText('Run 21')).toBeNull();

  await fireEvent(screen.getByLabelText('Workout list'), 'onEndReached', { distanceFromEnd: 10 });
  expect(await screen.findByText('Run 21')).toBeTruthy();
  expect(screen.getByText('Run 22')).toBeTruthy();
  const lists = api.callsTo('GET /api/v1/workouts');
  expect(lists.map((c) => c.query.get('cursor'))).toEqual([null, 'c2']);
  expect(lists[0]?.query.get('limit')).toBe('20');

  // the last page has no cursor: reaching the end again asks for nothing
  await fireEvent(screen.getByLabelText('Workout list'), 'onEndReached', { distanceFromEnd: 10 });
  expect(api.callsTo('GET /api/v1/workouts')).toHaveLength(2);
});

test('a sport chip filters the list', async () => {
  api.on('GET /api/v1/workouts', ({ query }) =>
    query.get('sport') === 'ride'
      ? { body: { items: [workout(50, { sport: 'ride', title: 'Hill ride' })], next_cursor: null } }
      : { body: { items: page1.slice(0, 3), next_cursor: null } },
  );
  await renderApp('/workouts');
  expect(await screen.findByText('Run 1')).toBeTruthy();
  await fireEvent.press(screen.getByRole('button', { name: 'Ride' }));
  expect(await screen.findByText('Hill ride')).toBeTruthy();
  expect(screen.queryByText('Run 1')).toBeNull();
  expect(api.callsTo('GET /api/v1/workouts').at(-1)?.query.get('sport')).toBe('ride');
});

test('an expired access token is refreshed once for requests that fail together, then retried', async () => {
  let refreshes = 0;
  const authorized = (headers: Headers) => headers.get('Authorization') === 'Bearer access-2';
  api
    .on('POST /api/v1/auth/refresh', async ({ body }) => {
      refreshes += 1;
      await new Promise((r) => setTimeout(r, 50));
      const token = (body as { refresh_token: string }).refresh_token;
      if (token === 'refresh-0') return { body: tokenPair(1) }; // the start-up refresh
      if (token === 'refresh-1') return { body: tokenPair(2) };
      return problem(401, 'unauthorized', 'reused');
    })
    .on('GET /api/v1/workouts', ({ headers }) =>
      authorized(headers) ? { body: { items: page1.slice(0, 2), next_cursor: null } } : problem(401, 'unauthorized', 'expired'),
    )
    .on('GET /api/v1/notifications/unread-count', ({ headers }) =>
      authorized(headers) ? { body: { unread_count: 4 } } : problem(401, 'unauthorized', 'expired'),
    );
  await renderApp('/workouts');
  expect(await screen.findByText('Run 2')).toBeTruthy();
  expect(await screen.findByLabelText('Notifications, 4 unread')).toBeTruthy();
  expect(refreshes).toBe(2); // one at start-up, one shared by the two 401s
  expect(await tokenStorage.read()).toEqual({ accessToken: 'access-2', refreshToken: 'refresh-2' });
});

test('when the refresh token is refused, the user is signed out', async () => {
  let refreshes = 0;
  api
    .on('POST /api/v1/auth/refresh', () => {
      refreshes += 1;
      return refreshes === 1 ? { body: tokenPair(1) } : problem(401, 'unauthorized', 'revoked');
    })
    .on('GET /api/v1/workouts', problem(401, 'unauthorized', 'revoked'))
    .on('GET /api/v1/notifications/unread-count', problem(401, 'unauthorized', 'revoked'));
  const app = await renderApp('/workouts');
  await waitFor(() => expect(app.getPathname()).toBe('/login'));
  expect(refreshes).toBe(2);
  expect(await tokenStorage.read()).toBeNull();
});

test('logging a workout: checked before sending, then saved and opened', async () => {
  api
    .on('GET /api/v1/workouts', { body: { items: [], next_cursor: null } })
    .on('POST /api/v1/workouts', { status: 201, body: workoutDetail(9, { title: 'Evening tempo' }) })
    .on('GET /api/v1/workouts/{id}', ({ params }) => ({ body: workoutDetail(9, { id: params.id ?? 'w9', title: 'Evening tempo' }) }));
  const app = await renderApp('/workouts/new');

  await fireEvent.changeText(await screen.findByLabelText('Average heart rate'), '180');
  await fireEvent.changeText(screen.getByLabelText('Maximum heart rate'), '170');
  await fireEvent.changeText(screen.getByLabelText('Effort (1-10)'), '11');
  await fireEvent.press(screen.getByRole('button', { name: 'Save workout' }));
  expect(screen.getByText('Enter how long it took.')).toBeTruthy();
  expect(screen.getByText('Average heart rate cannot be above the maximum.')).toBeTruthy();
  expect(screen.getByText('Effort is a whole number from 1 to 10.')).toBeTruthy();
  expect(api.callsTo('POST /api/v1/workouts')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Date'), '2026-11-30');
  await fireEvent.changeText(screen.getByLabelText('Start time'), '18:30');
  await fireEvent.changeText(screen.getByLabelText('Duration'), '0:42:10');
  await fireEvent.changeText(screen.getByLabelText('Distance (km)'), '8.4');
  await fireEvent.changeText(screen.getByLabelText('Average heart rate'), '155');
  await fireEvent.changeText(screen.getByLabelText('Maximum heart rate'), '172');
  await fireEvent.changeText(screen.getByLabelText('Effort (1-10)'), '7');
  await fireEvent.changeText(screen.getByLabelText('Title'), 'Evening tempo');
  await fireEvent.press(screen.getByRole('button', { name: 'Ride' }));
  await fireEvent.press(screen.getByRole('button', { name: 'Save workout' }));

  await waitFor(() => expect(app.getPathname()).toBe('/workouts/w9'));
  const [sent] = api.callsTo('POST /api/v1/workouts');
  expect(sent?.body).toMatchObject({
    sport: 'ride',
    duration_s: 2530,
    distance_m: 8400,
    avg_hr: 155,
    max_hr: 172,
    rpe: 7,
    title: 'Evening tempo',
    started_at: new Date('2026-11-30T18:30:00').toISOString().replace('.000Z', 'Z'),
  });
  expect(await screen.findByText('Evening tempo')).toBeTruthy();
});

test("the service's 422 field errors show next to the form's fields", async () => {
  api.on(
    'POST /api/v1/workouts',
    problem(422, 'validation_error', 'Validation failed', { errors: [{ field: 'distance_m', message: 'too far for a walk' }] }),
  );
  await renderApp('/workouts/new');
  await fireEvent.changeText(await screen.findByLabelText('Duration'), '30');
  await fireEvent.changeText(screen.getByLabelText('Distance (km)'), '900');
  await fireEvent.press(screen.getByRole('button', { name: 'Save workout' }));
  expect(await screen.findByText('too far for a walk')).toBeTruthy();
  expect(screen.getByText('Validation failed')).toBeTruthy();
});

test('workout details show splits and zones, and share a link through the share sheet', async () => {
  const share = jest.spyOn(Share, 'share').mockResolvedValue({ action: 'sharedAction' });
  api
    .on('GET /api/v1/workouts/{id}', { body: workoutDetail(3, { title: 'Long Sunday' }) })
    .on('POST /api/v1/workouts/{id}/share', { status: 201, body: { url: 'https://runcoach.app/s/tok', token: 'tok', created_at: '2026-12-01T10:00:00Z' } })
    .on('DELETE /api/v1/workouts/{id}/share', { status: 204 });
  await renderApp('/workouts/w3');
  expect(await screen.findByText('Long Sunday')).toBeTruthy();
  expect(screen.getByText('Km 2')).toBeTruthy();
  expect(screen.getByLabelText('Zone 3: 15:00')).toBeTruthy();

  await fireEvent.press(screen.getByRole('button', { name: 'Share workout' }));
  expect(await screen.findByText('Link: https://runcoach.app/s/tok')).toBeTruthy();
  expect(share).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://runcoach.app/s/tok' }));

  await fireEvent.press(screen.getByRole('button', { name: 'Stop sharing' }));
  expect(await screen.findByText('Sharing stopped: the link no longer works.')).toBeTruthy();
  expect(api.callsTo('DELETE /api/v1/workouts/w3/share')).toHaveLength(1);
});
