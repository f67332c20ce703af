import { fireEvent, waitFor } from '@testing-library/react-native';

import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

const sessions = {
  items: [
    { id: 's1', device: 'RunCoach on Pixel 9', created_at: '2026-11-01T08:00:00Z', last_used_at: '2026-12-03T07:00:00Z', current: true },
    { id: 's2', device: 'RunCoach web (Firefox)', created_at: '2026-11-10T08:00:00Z', last_used_at: '2026-12-01T07:00:00Z', current: false },
    { id: 's3', device: 'RunCoach on iPad', created_at: '2026-11-12T08:00:00Z', last_used_at: '2026-11-30T07:00:00Z', current: false },
  ],
  next_cursor: null,
};

let api: FakeApi;

beforeEach(async () => {
  await signedIn();
  installFakeWebSocket();
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('GET /api/v1/auth/sessions', { body: sessions })
    .on('DELETE /api/v1/auth/sessions/{id}', { status: 204 })
    .on('POST /api/v1/auth/logout-all', { status: 204 })
    .on('POST /api/v1/auth/logout', { status: 204 });
});

test('lists the sessions, marks this device, and signs another one out', async () => {
  await renderApp('/settings/sessions');
  await screen.findByText('RunCoach on Pixel 9');
  expect(screen.getByText('This device')).toBeTruthy();
  expect(screen.getByText('RunCoach web (Firefox)')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Sign out RunCoach on Pixel 9' })).toBeNull();

  api.on('GET /api/v1/auth/sessions', { body: { ...sessions, items: sessions.items.filter((s) => s.id !== 's2') } });
  await fireEvent.press(screen.getByRole('button', { name: 'Sign out RunCoach web (Firefox)' }));
  await waitFor(() => expect(screen.queryByText('RunCoach web (Firefox)')).toBeNull());
  expect(screen.getByText('RunCoach on iPad')).toBeTruthy();
  expect(api.callsTo('DELETE /api/v1/auth/sessions/s2')).toHaveLength(1);
});

test('a refused sign-out puts the session back and says why', async () => {
  api.on('DELETE /api/v1/auth/sessions/{id}', problem(404, 'not_found', 'That session has already ended.'));
  await renderApp('/settings/sessions');
  await fireEvent.press(await screen.findByRole('button', { name: 'Sign out RunCoach on iPad' }));
  await screen.findByText('That session has already ended.');
  expect(screen.getByText('RunCoach on iPad')).toBeTruthy();
});

test('"Sign out everywhere" signs this device out too', async () => {
  const app = await renderApp('/settings/sessions');
  await fireEvent.press(await screen.findByRole('button', { name: 'Sign out everywhere' }));
  await waitFor(() => expect(app.getPathname()).toBe('/login'));
  expect(api.callsTo('POST /api/v1/auth/logout-all')).toHaveLength(1);
});
