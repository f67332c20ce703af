/**
 * Background sync (GET /sync): what changed and what was deleted since the stored
 * cursor, applied to the query cache. The cursor is kept per user on the device and
 * forgotten at sign-out; an expired one (410 `sync_cursor_expired`) means a full sync.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';

import { api } from '@/api/client';
import { toProblem } from '@/api/problem';
import type { Schema } from '@/api/types';
import { keys } from '@/hooks/keys';
import { cacheStorage } from '@/query/client';

export type SyncAnswer = Schema<'SyncAnswer'>;

const CURSOR_KEY = 'runcoach.sync-cursor';
/** A safety stop: pages of one sync (each up to the service's limit of entries). */
const MAX_PAGES = 100;

const cursorKey = (userId: string) => `${CURSOR_KEY}.${userId}`;
let lastUser: string | null = null;

export async function readCursor(userId: string): Promise<string | null> {
  return (await cacheStorage.getItem(cursorKey(userId)).catch(() => null)) || null;
}

/** Forget the cursor (of `userId`, or of the last user that synced). */
export async function clearCursor(userId: string | null = lastUser): Promise<void> {
  if (userId) await cacheStorage.removeItem(cursorKey(userId)).catch(() => undefined);
}

type WithItems = { items: { id: string }[] };
type Paged = { pages: WithItems[] };

function hasItems(value: unknown): value is WithItems {
  return typeof value === 'object' && value !== null && 'items' in value && Array.isArray(value.items);
}

function isPaged(value: unknown): value is Paged {
  return typeof value === 'object' && value !== null && 'pages' in value && Array.isArray(value.pages) && value.pages.every(hasItems);
}

/** Take the deleted ids out of every cached list under `prefix` (pages or a single page). */
function dropFromLists(queryClient: QueryClient, prefix: QueryKey, ids: ReadonlySet<string>): void {
  if (!ids.size) return;
  for (const [key, data] of queryClient.getQueriesData({ queryKey: prefix })) {
    const keep = (page: WithItems) => page.items.filter((item) => !ids.has(item.id));
    if (isPaged(data)) {
      if (data.pages.some((p) => keep(p).length !== p.items.length)) {
        queryClient.setQueryData(key, { ...data, pages: data.pages.map((p) => ({ ...p, items: keep(p) })) });
      }
    } else if (hasItems(data) && keep(data).length !== data.items.length) {
      queryClient.setQueryData(key, { ...data, items: keep(data) });
    }
  }
}

/** Apply one answer: details set, deleted rows removed (deleted wins), lists refetched. */
export function applySync(queryClient: QueryClient, answer: SyncAnswer): void {
  const { changed, deleted } = answer;
  const gone = {
    workouts: new Set(deleted.workouts),
    plans: new Set(deleted.plans),
    notifications: new Set(deleted.notifications),
  };
  for (const workout of changed.workouts) {
    if (!gone.workouts.has(workout.id)) queryClient.setQueryData(keys.workout(workout.id), workout);
  }
  for (const plan of changed.plans) {
    if (!gone.plans.has(plan.id)) queryClient.setQueryData(keys.plan(plan.id), plan);
  }
  for (const id of gone.workouts) queryClient.removeQueries({ queryKey: keys.workout(id), exact: true });
  for (const id of gone.plans) queryClient.removeQueries({ queryKey: keys.plan(id), exact: true });
  dropFromLists(queryClient, ['workouts', 'list'], gone.workouts);
  dropFromLists(queryClient, keys.planList, gone.plans);
  dropFromLists(queryClient, ['notifications'], gone.notifications);

  const touched = (kind: keyof SyncAnswer['changed']) => changed[kind].length > 0 || deleted[kind].length > 0;
  const refetch = (queryKey: QueryKey) => void queryClient.invalidateQueries({ queryKey });
  if (touched('workouts')) {
    refetch(['workouts', 'list']);
    refetch(['analytics']);
  }
  if (touched('plans')) {
    refetch(keys.planList);
    refetch(keys.activePlan);
  }
  if (touched('health_metrics')) {
    refetch(['health-metrics']);
    refetch(['analytics']);
  }
  if (touched('notifications')) refetch(['notifications']);
  if (touched('workouts') || touched('plans') || touched('health_metrics') || touched('notifications')) {
    refetch(keys.dashboard);
  }
}

let running: Promise<void> | null = null;

/** Sync once (pages while `has_more`); concurrent calls share one run. Throws what failed. */
export function syncNow(queryClient: QueryClient, userId: string): Promise<void> {
  if (!running) {
    running = run(queryClient, userId).finally(() => {
      running = null;
    });
  }
  return running;
}

async function run(queryClient: QueryClient, userId: string): Promise<void> {
  lastUser = userId;
  let since = await readCursor(userId);
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const { data, error, response } = await api.GET('/api/v1/sync', {
      params: { query: since ? { since } : {} },
    });
    if (response.status === 410 && since !== null) {
      await clearCursor(userId); // expired: everything again, from the start
      since = null;
      continue;
    }
    if (!response.ok || !data) throw toProblem(response, error);
    applySync(queryClient, data);
    await cacheStorage.setItem(cursorKey(userId), data.cursor);
    since = data.cursor;
    if (!data.has_more) return;
  }
}
