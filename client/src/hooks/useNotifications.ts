/**
 * The notifications centre: the history a page at a time (`next_cursor`), grouped
 * by type (`?group_by=type`), and the writes (read / unread, read all, delete),
 * applied to the cached lists at once and undone if the service refuses.
 */
import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type InfiniteData,
  type QueryClient,
} from '@tanstack/react-query';

import { api, done, ok } from '@/api/client';
import type { Schema } from '@/api/types';

import { keys } from './keys';

export type Notification = Schema<'NotificationOut'>;
export type NotificationType = Notification['type'];
export type NotificationGroup = Schema<'NotificationGroup'>;
type Page = Schema<'NotificationPage'>;
type Pages = InfiniteData<Page, string | null>;

export const notificationKeys = {
  all: ['notifications'] as const,
  lists: ['notifications', 'list'] as const,
  list: (type: NotificationType | null) => ['notifications', 'list', type ?? 'all'] as const,
  groups: ['notifications', 'groups'] as const,
};

export const NOTIFICATIONS_PAGE_SIZE = 20;

function isPage(value: unknown): value is Page {
  return typeof value === 'object' && value !== null && 'items' in value;
}

/** The notifications, newest first, filtered by type (null: all). */
export function useNotifications(type: NotificationType | null = null) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(type),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => {
      const answer = await ok(
        api.GET('/api/v1/notifications', {
          params: {
            query: {
              limit: NOTIFICATIONS_PAGE_SIZE,
              ...(type ? { type } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      );
      if (!isPage(answer)) throw new Error('The service answered groups for a page.');
      return answer;
    },
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The notifications grouped by type: count, unread, latest. */
export function useNotificationGroups() {
  return useQuery({
    queryKey: notificationKeys.groups,
    queryFn: async () => {
      const answer = await ok(api.GET('/api/v1/notifications', { params: { query: { group_by: 'type' } } }));
      return 'groups' in answer ? answer.groups : [];
    },
  });
}

type Snapshot = { lists: [readonly unknown[], Pages | undefined][]; unread: unknown };

function editLists(client: QueryClient, edit: (n: Notification) => Notification | null): Snapshot {
  const snapshot: Snapshot = {
    lists: client.getQueriesData<Pages>({ queryKey: notificationKeys.lists }),
    unread: client.getQueryData(keys.unreadCount),
  };
  client.setQueriesData<Pages>({ queryKey: notificationKeys.lists }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map(edit).filter((n): n is Notification => n !== null),
          })),
        }
      : data,
  );
  return snapshot;
}

function shiftUnread(client: QueryClient, by: number | 'zero') {
  client.setQueryData<{ unread_count: number }>(keys.unreadCount, (old) =>
    old ? { unread_count: by === 'zero' ? 0 : Math.max(0, old.unread_count + by) } : old,
  );
}

function find(client: QueryClient, id: string): Notification | undefined {
  for (const [, data] of client.getQueriesData<Pages>({ queryKey: notificationKeys.lists })) {
    const hit = data?.pages.flatMap((p) => p.items).find((n) => n.id === id);
    if (hit) return hit;
  }
  return undefined;
}

function useOptimistic<V>(mutationFn: (vars: V) => Promise<unknown>, apply: (client: QueryClient, vars: V) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onMutate: async (vars: V) => {
      await client.cancelQueries({ queryKey: notificationKeys.all });
      const snapshot: Snapshot = {
        lists: client.getQueriesData<Pages>({ queryKey: notificationKeys.lists }),
        unread: client.getQueryData(keys.unreadCount),
      };
      apply(client, vars);
      return snapshot;
    },
    onError: (_error, _vars, snapshot) => {
      if (!snapshot) return;
      snapshot.lists.forEach(([key, data]) => client.setQueryData(key, data));
      client.setQueryData(keys.unreadCount, snapshot.unread);
    },
    onSettled: () => {
      void client.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
}

/** Mark one read or unread (PATCH /notifications/{id}/read). */
export function useMarkNotification() {
  return useOptimistic(
    ({ id, read }: { id: string; read: boolean }) =>
      ok(api.PATCH('/api/v1/notifications/{notification_id}/read', { params: { path: { notification_id: id } }, body: { read } })),
    (client, { id, read }) => {
      const before = find(client, id);
      if (before && before.read !== read) shiftUnread(client, read ? -1 : 1);
      editLists(client, (n) => (n.id === id ? { ...n, read } : n));
    },
  );
}

/** Mark every notification read (POST /notifications/read-all). */
export function useReadAllNotifications() {
  return useOptimistic(
    () => ok(api.POST('/api/v1/notifications/read-all')),
    (client) => {
      shiftUnread(client, 'zero');
      editLists(client, (n) => ({ ...n, read: true }));
    },
  );
}

/** Delete one (DELETE /notifications/{id}). */
export function useDeleteNotification() {
  return useOptimistic(
    (id: string) => done(api.DELETE('/api/v1/notifications/{notification_id}', { params: { path: { notification_id: id } } })),
    (client, id) => {
      const before = find(client, id);
      if (before && !before.read) shiftUnread(client, -1);
      editLists(client, (n) => (n.id === id ? null : n));
    },
  );
}

/** The app path a notification is about: its `data.url`, else its plan or analysis. */
export function notificationTarget(n: Notification): string | null {
  const data = n.data;
  const url = data.url;
  if (typeof url === 'string' && url.startsWith('/') && !url.startsWith('//')) return url;
  if (typeof data.plan_id === 'string') return `/plans/${data.plan_id}`;
  if (typeof data.analysis_id === 'string') return `/analysis/${data.analysis_id}`;
  return null;
}
