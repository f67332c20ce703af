import { useQuery } from '@tanstack/react-query';

import { api, ok } from '@/api/client';

import { keys } from './keys';

/** How many notifications are unread (GET /notifications/unread-count). */
export function useUnreadCount() {
  return useQuery({
    queryKey: keys.unreadCount,
    queryFn: () => ok(api.GET('/api/v1/notifications/unread-count')),
    select: (data) => data.unread_count,
    refetchInterval: 60_000,
  });
}
