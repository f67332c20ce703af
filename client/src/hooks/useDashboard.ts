import { useQuery } from '@tanstack/react-query';

import { api, ok } from '@/api/client';

import { keys } from './keys';

/** The home screen in one call (GET /dashboard/summary). */
export function useDashboard() {
  return useQuery({ queryKey: keys.dashboard, queryFn: () => ok(api.GET('/api/v1/dashboard/summary')) });
}
