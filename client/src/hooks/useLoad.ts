import { useQuery } from '@tanstack/react-query';

import { api, ok } from '@/api/client';

import { keys } from './keys';

/** Daily training load with fitness (CTL), fatigue (ATL) and form (TSB) (GET /analytics/load). */
export function useLoad(days = 90) {
  return useQuery({
    queryKey: keys.load(days),
    queryFn: () => ok(api.GET('/api/v1/analytics/load', { params: { query: { days } } })),
  });
}
