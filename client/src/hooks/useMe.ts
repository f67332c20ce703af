import { useQuery } from '@tanstack/react-query';

import { api, ok } from '@/api/client';

import { keys } from './keys';

/** The signed-in athlete's profile (GET /me). */
export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: () => ok(api.GET('/api/v1/me')) });
}
