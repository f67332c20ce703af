import { fireEvent } from '@testing-library/react-native';

import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { installFakeWebSocket } from '@/test/fakeWebSocket';
import { profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let api: FakeApi;

beforeEach(async () => {
  await signedIn();
  installFakeWebSocket();
  api = installFakeApi()
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('GET /api/v1/me', { body: profile })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 0 } })
    .on('POST /api/v1/auth/password', { status: 204 });
});

test('a short new password is refused before sending; a good one is changed', async () => {
  await renderApp('/settings/password');
  await fireEvent.changeText(await screen.findByLabelText('Current password'), 'old secret pass');
  await fireEvent.changeText(screen.getByLabelText('New password'), 'short');
  await fireEvent.press(screen.getByRole('button', { name: 'Change password' }));
  expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
  expect(api.callsTo('POST /api/v1/auth/password')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('New password'), 'a much longer one');
  await fireEvent.press(screen.getByRole('button', { name: 'Change password' }));
  await screen.findByText('Password changed. Your other devices have been signed out.');
  expect(screen.queryByText('Use at least 10 characters.')).toBeNull();
  expect(api.callsTo('POST /api/v1/auth/password')[0]?.body).toEqual({
    current_password: 'old secret pass',
    new_password: 'a much longer one',
  });
});

test('a wrong current password, and then too many tries, are shown next to it', async () => {
  api.on(
    'POST /api/v1/auth/password',
    problem(422, 'validation_error', 'the current password is not correct', {
      errors: [{ field: 'current_password', message: 'is not your current password' }],
    }),
  );
  await renderApp('/settings/password');
  await fireEvent.changeText(await screen.findByLabelText('Current password'), 'wrong');
  await fireEvent.changeText(screen.getByLabelText('New password'), 'a much longer one');
  const refreshes = api.callsTo('POST /api/v1/auth/refresh').length;
  await fireEvent.press(screen.getByRole('button', { name: 'Change password' }));
  await screen.findByText(/is not your current password/i);
  // a 422 is no reason to refresh the token and send the wrong password a second time
  expect(api.callsTo('POST /api/v1/auth/refresh')).toHaveLength(refreshes);
  expect(api.callsTo('POST /api/v1/auth/password')).toHaveLength(1);

  api.on('POST /api/v1/auth/password', {
    ...problem(429, 'rate_limited', 'Too many attempts.'),
    headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '120' },
  });
  await fireEvent.press(screen.getByRole('button', { name: 'Change password' }));
  await screen.findByText('Too many attempts. Try again in 2 minutes.');
  expect(screen.queryByText('Password changed. Your other devices have been signed out.')).toBeNull();
});
