/** Render the real app (its routes under app/) at a URL, over the fake API. */
import { renderRouter, screen } from 'expo-router/testing-library';

import { tokenStorage } from '@/auth/tokenStorage';

export { screen };

/** Start signed in: the stored session the app finds at launch (it refreshes it). */
export async function signedIn(n = 0): Promise<void> {
  await tokenStorage.write({ accessToken: `access-${n}`, refreshToken: `refresh-${n}` });
}

/** The app at `initialUrl`; the answer is not a thenable (the router's own result is). */
export async function renderApp(initialUrl: string) {
  const result = renderRouter('./app', { initialUrl });
  await result;
  return {
    getPathname: () => result.getPathname(),
    getSearchParams: () => result.getSearchParams(),
  };
}
