import AsyncStorage from '@react-native-async-storage/async-storage';
import { fireEvent, waitFor } from 'expo-router/testing-library';

import { tokenStorage } from '@/auth/tokenStorage';
import { installFakeApi, problem, type FakeApi } from '@/test/fakeApi';
import { dashboard, profile, tokenPair } from '@/test/fixtures';
import { renderApp, screen, signedIn } from '@/test/render';

let api: FakeApi;

beforeEach(async () => {
  await tokenStorage.remove();
  await AsyncStorage.clear();
  api = installFakeApi()
    .on('GET /api/v1/dashboard/summary', { body: dashboard() })
    .on('GET /api/v1/analytics/load', { body: { days: [], today: null, unit: 'tss' } })
    .on('GET /api/v1/notifications/unread-count', { body: { unread_count: 3 } })
    .on('GET /api/v1/devices', { body: { items: [], next_cursor: null } })
    .on('GET /api/v1/me', { body: profile });
});

test('signing in sends the device name and opens the dashboard', async () => {
  api.on('POST /api/v1/auth/login', { body: tokenPair(1) });
  const app = await renderApp('/login');

  await fireEvent.changeText(await screen.findByLabelText('Email'), 'ada@example.com');
  await fireEvent.changeText(screen.getByLabelText('Password'), 'correct horse battery');
  await fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));

  await waitFor(() => expect(app.getPathname()).toBe('/dashboard'));
  const [login] = api.callsTo('POST /api/v1/auth/login');
  expect(login?.body).toEqual({ email: 'ada@example.com', password: 'correct horse battery', device: expect.stringContaining('RunCoach') });
  expect(await tokenStorage.read()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
});

test('a wrong password is said plainly, and empty fields are named', async () => {
  api.on('POST /api/v1/auth/login', problem(401, 'unauthorized', 'Invalid credentials'));
  await renderApp('/login');

  await fireEvent.press(await screen.findByRole('button', { name: 'Sign in' }));
  expect(screen.getByText('Enter your email.')).toBeTruthy();
  expect(api.callsTo('POST /api/v1/auth/login')).toHaveLength(0);

  await fireEvent.changeText(screen.getByLabelText('Email'), 'ada@example.com');
  await fireEvent.changeText(screen.getByLabelText('Password'), 'wrong password');
  await fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Wrong email or password.')).toBeTruthy();
});

test('too many attempts: the wait is shown', async () => {
  api.on('POST /api/v1/auth/login', {
    ...problem(429, 'rate_limited', 'Too many sign-in attempts.'),
    headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '120' },
  });
  await renderApp('/login');
  await fireEvent.changeText(await screen.findByLabelText('Email'), 'ada@example.com');
  await fireEvent.changeText(screen.getByLabelText('Password'), 'whatever123');
  await fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  expect(await screen.findByText('Too many sign-in attempts. Try again in 2 minutes.')).toBeTruthy();
});

test('registering: 422 field errors sit next to their fields, 409 says the email is taken', async () => {
  api.on('POST /api/v1/auth/register', problem(422, 'validation_error', 'Validation failed', {
    errors: [{ field: 'email', message: 'not a valid email' }],
  }));
  await renderApp('/register');

  await fireEvent.press(await screen.findByRole('button', { name: 'Create account' }));
  expect(screen.getByText('Enter your name.')).toBeTruthy();
  expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();

  await fireEvent.changeText(screen.getByLabelText('Name'), 'Ada');
  await fireEvent.changeText(screen.getByLabelText('Email'), 'ada@example.co');
  await fireEvent.changeText(screen.getByLabelText('Password'), 'long enough password');
  await fireEvent.press(screen.getByRole('button', { name: 'Create account' }));
  expect(await screen.findByText('not a valid email')).toBeTruthy();
  const [sent] = api.callsTo('POST /api/v1/auth/register');
  expect(sent?.body).toMatchObject({ name: 'Ada', email: 'ada@example.co', timezone: expect.any(String) });

  api.on('POST /api/v1/auth/register', problem(409, 'conflict', 'Email already registered'));
  await fireEvent.press(screen.getByRole('button', { name: 'Create account' }));
  expect(await screen.findByText('An account with this email already exists. Sign in instead.')).toBeTruthy();
});

test('auto-login: a stored refresh token that still works opens the app where asked', async () => {
  await signedIn(0);
  api.on('POST /api/v1/auth/refresh', ({ body }) =>
    (body as { refresh_token: string }).refresh_token === 'refresh-0' ? { body: tokenPair(1) } : problem(401, 'unauthorized', 'no'),
  );
  const app = await renderApp('/');
  await waitFor(() => expect(app.getPathname()).toBe('/dashboard'));
  expect(await tokenStorage.read()).toEqual({ accessToken: 'access-1', refreshToken: 'refresh-1' });
});

test('auto-login: a refused refresh token leads to the login, keeping where the user was going', async () => {
  await signedIn(0);
  api.on('POST /api/v1/auth/refresh', problem(401, 'unauthorized', 'Refresh token revoked'));
  const app = await renderApp('/plans');
  await waitFor(() => expect(app.getPathname()).toBe('/login'));
  expect(app.getSearchParams()).toEqual({ next: '/plans' });
  expect(await tokenStorage.read()).toBeNull();
});

test('signing out tells the service and forgets the session', async () => {
  await signedIn(0);
  api
    .on('POST /api/v1/auth/refresh', { body: tokenPair(1) })
    .on('POST /api/v1/auth/logout', { status: 204 });
  const app = await renderApp('/settings');
  await fireEvent.press(await screen.findByRole('button', { name: 'Sign out' }));
  await waitFor(() => expect(app.getPathname()).toBe('/login'));
  expect(api.callsTo('POST /api/v1/auth/logout')[0]?.body).toEqual({ refresh_token: 'refresh-1' });
  expect(await tokenStorage.read()).toBeNull();
});
