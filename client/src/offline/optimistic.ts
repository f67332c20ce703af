/**
 * What the query cache shows while changes wait in the outbox: a queued workout in the
 * workout lists (marked "Waiting to sync"), a queued session as done/undone in its plan.
 * Lists refetched meanwhile get the waiting changes laid over them again.
 */
import type { InfiniteData, QueryClient, QueryKey } from '@tanstack/react-query';

import type { PlanDetail, WorkoutDetail, WorkoutPage, WorkoutSummary } from '@/api/types';
import { keys } from '@/hooks/keys';
import { sportName } from '@/lib/format';

import type { OutboxEntry, SessionEntry, WorkoutEntry } from './outbox';

export const WAITING_TO_SYNC = 'Waiting to sync';

type WorkoutLists = InfiniteData<WorkoutPage, string | null>;

const LISTS: QueryKey = ['workouts', 'list'];

/** The workout as the lists show it until the service has it (id = its client_id). */
export function waitingWorkout(entry: WorkoutEntry): WorkoutDetail {
  const { body } = entry;
  const at = new Date(entry.queuedAt).toISOString();
  const distance = body.distance_m ?? null;
  return {
    id: body.client_id,
    client_id: body.client_id,
    sport: body.sport,
    started_at: body.started_at,
    duration_s: body.duration_s,
    moving_time_s: null,
    distance_m: distance,
    elevation_gain_m: body.elevation_gain_m ?? null,
    avg_hr: body.avg_hr ?? null,
    max_hr: body.max_hr ?? null,
    avg_pace_s_per_km: distance && distance >= 10 ? body.duration_s / (distance / 1000) : null,
    calories: body.calories ?? null,
    rpe: body.rpe ?? null,
    title: `${body.title || sportName(body.sport)} · ${WAITING_TO_SYNC}`,
    notes: body.notes ?? null,
    source: 'outbox',
    device_id: null,
    created_at: at,
    updated_at: at,
    splits: [],
    hr_zones: null,
    load: null,
    load_source: null,
    hr_sample_count: 0,
  };
}

function summaryOf(workout: WorkoutDetail): WorkoutSummary {
  const { splits: _s, hr_zones: _z, load: _l, load_source: _ls, hr_sample_count: _c, ...summary } = workout;
  return summary;
}

function listTakes(key: QueryKey, entry: WorkoutEntry): boolean {
  const sport = key[2];
  return sport === undefined || sport === 'all' || sport === entry.body.sport;
}

function newestFirst(a: WorkoutSummary, b: WorkoutSummary): number {
  return Date.parse(b.started_at) - Date.parse(a.started_at);
}

function mapLists(
  queryClient: QueryClient,
  change: (key: QueryKey, data: WorkoutLists) => WorkoutLists,
): void {
  for (const [key, data] of queryClient.getQueriesData<WorkoutLists>({ queryKey: LISTS })) {
    if (!data?.pages?.length) continue;
    const next = change(key, data);
    if (next !== data) queryClient.setQueryData(key, next);
  }
}

/** Lay the waiting workouts into one list's data (unchanged data when nothing is missing). */
function withWaiting(key: QueryKey, data: WorkoutLists, entries: readonly OutboxEntry[]): WorkoutLists {
  const [first, ...rest] = data.pages;
  if (!first) return data;
  const present = new Set(data.pages.flatMap((p) => p.items.map((w) => w.client_id ?? w.id)));
  const missing = entries
    .filter((e): e is WorkoutEntry => e.kind === 'workout')
    .filter((e) => listTakes(key, e) && !present.has(e.body.client_id))
    .map((e) => summaryOf(waitingWorkout(e)));
  if (!missing.length) return data;
  return { ...data, pages: [{ ...first, items: [...missing, ...first.items].sort(newestFirst) }, ...rest] };
}

/** A workout was queued: show it in every loaded list it belongs to, and as a detail. */
export function showQueuedWorkout(queryClient: QueryClient, entry: WorkoutEntry): WorkoutDetail {
  const workout = waitingWorkout(entry);
  queryClient.setQueryData(keys.workout(workout.id), workout);
  mapLists(queryClient, (key, data) => withWaiting(key, data, [entry]));
  return workout;
}

/** The service has the workout: it takes the waiting one's place, then lists refetch. */
export function workoutSent(queryClient: QueryClient, entry: WorkoutEntry, saved: WorkoutDetail): void {
  queryClient.setQueryData(keys.workout(saved.id), saved);
  queryClient.removeQueries({ queryKey: keys.workout(entry.body.client_id), exact: true });
  const summary = summaryOf(saved);
  mapLists(queryClient, (_key, data) => ({
    ...data,
    pages: data.pages.map((p) => ({
      ...p,
      items: p.items.map((w) => (w.id === entry.body.client_id ? summary : w)),
    })),
  }));
  void queryClient.invalidateQueries({ queryKey: keys.workouts });
  void queryClient.invalidateQueries({ queryKey: keys.dashboard });
  void queryClient.invalidateQueries({ queryKey: ['analytics'] });
}

/** The service refused the workout for good: it leaves the lists. */
export function workoutDropped(queryClient: QueryClient, entry: WorkoutEntry): void {
  queryClient.removeQueries({ queryKey: keys.workout(entry.body.client_id), exact: true });
  mapLists(queryClient, (_key, data) => ({
    ...data,
    pages: data.pages.map((p) => ({ ...p, items: p.items.filter((w) => w.id !== entry.body.client_id) })),
  }));
}

/** The plan with one session's `completed` set (the same object when nothing changes). */
export function withCompleted(plan: PlanDetail, sessionId: string, completed: boolean): PlanDetail {
  let changed = false;
  const weeks = plan.weeks.map((week) => ({
    ...week,
    days: week.days.map((day) => ({
      ...day,
      sessions: day.sessions.map((s) => {
        if (s.id !== sessionId || s.completed === completed) return s;
        changed = true;
        return { ...s, completed };
      }),
    })),
  }));
  return changed ? { ...plan, weeks } : plan;
}

function isPlan(value: unknown): value is PlanDetail {
  return typeof value === 'object' && value !== null && 'weeks' in value && Array.isArray(value.weeks);
}

function planKeys(queryClient: QueryClient, planId: string): QueryKey[] {
  const found: QueryKey[] = [];
  for (const [key, data] of queryClient.getQueriesData({ queryKey: keys.plans })) {
    if (isPlan(data) && data.id === planId) found.push(key);
  }
  return found;
}

/** Show queued session changes in the cached plans (detail and active). */
export function showSessions(queryClient: QueryClient, entries: readonly OutboxEntry[]): void {
  for (const entry of entries) {
    if (entry.kind !== 'session') continue;
    for (const key of planKeys(queryClient, entry.planId)) {
      const plan = queryClient.getQueryData<PlanDetail>(key);
      if (!plan) continue;
      const next = withCompleted(plan, entry.sessionId, entry.completed);
      if (next !== plan) queryClient.setQueryData(key, next);
    }
  }
}

/** The plan's cached session with `completed` applied, for an answer made on the device. */
export function queuedSessionAnswer(queryClient: QueryClient, entry: SessionEntry) {
  const plan = queryClient.getQueryData<PlanDetail>(keys.plan(entry.planId));
  const session = plan?.weeks
    .flatMap((w) => w.days.flatMap((d) => d.sessions))
    .find((s) => s.id === entry.sessionId);
  if (!plan || !session) return null;
  return { session: { ...session, completed: entry.completed }, progress: plan.progress };
}

/** A session change reached the service, or was refused: the plans are read again. */
export function sessionSettled(queryClient: QueryClient, entry: SessionEntry): void {
  void queryClient.invalidateQueries({ queryKey: keys.plan(entry.planId) });
  void queryClient.invalidateQueries({ queryKey: keys.activePlan });
  void queryClient.invalidateQueries({ queryKey: keys.dashboard });
}

/** Keep waiting changes on top of whatever the lists and plans are refetched as. */
export function keepWaitingShown(queryClient: QueryClient, entries: () => readonly OutboxEntry[]): () => void {
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.action.type !== 'success') return;
    const pending = entries();
    if (!pending.length) return;
    const key = event.query.queryKey;
    if (key[0] === 'workouts' && key[1] === 'list') {
      const data = queryClient.getQueryData<WorkoutLists>(key);
      if (data?.pages?.length) {
        const next = withWaiting(key, data, pending);
        if (next !== data) queryClient.setQueryData(key, next);
      }
    } else if (key[0] === 'plans') {
      showSessions(queryClient, pending);
    }
  });
}
