/**
 * The outbox: writes made offline (or that met a network error) wait here, on the
 * device, and are sent again in order when the network is back, at start and when the
 * app returns to the foreground.
 *
 * - A workout carries a `client_id` made when the person saves it: the service answers
 *   a replay with the workout it already made, so a retry after a lost answer never
 *   duplicates it.
 * - Marking a session done/undone is idempotent on the service; a newer change of the
 *   same session replaces a waiting one.
 * - A 4xx answer (but 401, 408, 429) can never succeed: the change is dropped with a
 *   note (`lastError`). 5xx, 401 (the API client has already tried a refresh), 408, 429
 *   and network errors keep it, with a growing wait before the next try.
 */
import { onlineManager, type QueryClient } from '@tanstack/react-query';

import { api } from '@/api/client';
import { ApiProblem, toProblem } from '@/api/problem';
import type { paths, Schema, WorkoutDetail } from '@/api/types';
import { dateTime, sportName } from '@/lib/format';
import { cacheStorage } from '@/query/client';

import { newUuid } from './ids';
import {
  keepWaitingShown,
  queuedSessionAnswer,
  sessionSettled,
  showQueuedWorkout,
  showSessions,
  workoutDropped,
  workoutSent,
} from './optimistic';

export type NewWorkoutBody = NonNullable<
  paths['/api/v1/workouts']['post']['requestBody']
>['content']['application/json'];
export type SessionUpdated = Schema<'SessionUpdated'>;

type Common = { id: string; queuedAt: number; attempts: number; nextAttemptAt: number };
export type WorkoutEntry = Common & { kind: 'workout'; body: NewWorkoutBody & { client_id: string } };
export type SessionEntry = Common & { kind: 'session'; planId: string; sessionId: string; completed: boolean };
export type OutboxEntry = WorkoutEntry | SessionEntry;

export type OutboxState = {
  entries: readonly OutboxEntry[];
  /** Why the last change was dropped, for the person to read (null: nothing to tell). */
  lastError: string | null;
};

export const OUTBOX_KEY = 'runcoach.outbox';
const BACKOFF_MS = [2_000, 5_000, 15_000, 30_000, 60_000, 120_000, 300_000];

let state: OutboxState = { entries: [], lastError: null };
let loading: Promise<void> | null = null;
let replaying: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
const listeners = new Set<() => void>();

function setState(next: OutboxState): void {
  state = next;
  listeners.forEach((l) => l());
  void cacheStorage.setItem(OUTBOX_KEY, JSON.stringify(state)).catch(() => undefined);
}

function isEntry(value: unknown): value is OutboxEntry {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    (value.kind === 'workout' || value.kind === 'session') &&
    'id' in value
  );
}

async function readStored(): Promise<void> {
  try {
    const raw = await cacheStorage.getItem(OUTBOX_KEY);
    if (!raw) return;
    const stored: unknown = JSON.parse(raw);
    if (typeof stored !== 'object' || stored === null) return;
    const entries = 'entries' in stored && Array.isArray(stored.entries) ? stored.entries.filter(isEntry) : [];
    const lastError = 'lastError' in stored && typeof stored.lastError === 'string' ? stored.lastError : null;
    // anything queued before the stored copy was read goes after it
    const known = new Set(entries.map((e) => e.id));
    state = { entries: [...entries, ...state.entries.filter((e) => !known.has(e.id))], lastError: state.lastError ?? lastError };
    listeners.forEach((l) => l());
  } catch {
    // a corrupt copy is an empty outbox
  }
}

type Sent<T> = { kind: 'sent'; data: T } | { kind: 'refused'; problem: ApiProblem } | { kind: 'retry'; error: unknown };
type Call<T> = () => Promise<{ data?: T; error?: unknown; response: Response }>;

/** 4xx answers that asking again cannot change. */
function permanent(status: number): boolean {
  return status >= 400 && status < 500 && ![401, 408, 429].includes(status);
}

async function attempt<T>(call: Call<T>): Promise<Sent<T>> {
  try {
    const { data, error, response } = await call();
    if (response.ok) return { kind: 'sent', data: data as T };
    const problem = toProblem(response, error);
    return permanent(problem.status) ? { kind: 'refused', problem } : { kind: 'retry', error: problem };
  } catch (error) {
    return { kind: 'retry', error }; // no answer: offline, or the connection dropped
  }
}

function postWorkout(entry: WorkoutEntry): Promise<Sent<WorkoutDetail>> {
  return attempt(() => api.POST('/api/v1/workouts', { body: entry.body }));
}

function patchSession(entry: SessionEntry): Promise<Sent<SessionUpdated>> {
  return attempt(() =>
    api.PATCH('/api/v1/plans/{plan_id}/sessions/{session_id}', {
      params: { path: { plan_id: entry.planId, session_id: entry.sessionId } },
      body: { completed: entry.completed },
    }),
  );
}

function describe(entry: OutboxEntry): string {
  if (entry.kind === 'workout') {
    const name = entry.body.title || sportName(entry.body.sport);
    return `The workout "${name}" of ${dateTime(entry.body.started_at)}`;
  }
  return `Marking a session ${entry.completed ? 'done' : 'not done'}`;
}

function add(entry: OutboxEntry): void {
  const others =
    entry.kind === 'session'
      ? state.entries.filter((e) => !(e.kind === 'session' && e.sessionId === entry.sessionId))
      : state.entries;
  setState({ ...state, entries: [...others, entry] });
}

function remove(entry: OutboxEntry, lastError: string | null = state.lastError): void {
  setState({ entries: state.entries.filter((e) => e.id !== entry.id), lastError });
}

function common(): Common {
  return { id: newUuid(), queuedAt: Date.now(), attempts: 0, nextAttemptAt: 0 };
}

function canSendNow(): boolean {
  return onlineManager.isOnline() && state.entries.length === 0;
}

function schedule(queryClient: QueryClient, at: number): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void outbox.replay(queryClient);
  }, Math.max(0, at - Date.now()));
}

/** Queued while online (a 5xx, a dropped connection): try again after the first wait. */
function retrySoon(queryClient: QueryClient): void {
  if (onlineManager.isOnline()) schedule(queryClient, Date.now() + (BACKOFF_MS[0] ?? 2_000));
}

export const outbox = {
  getState(): OutboxState {
    return state;
  },

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },

  /** Read the stored outbox (once). */
  load(): Promise<void> {
    if (!loading) loading = readStored();
    return loading;
  },

  /**
   * Log a workout (POST /workouts): sent at once when possible, else queued and shown
   * as "Waiting to sync". Answers the saved workout, or the waiting one; a refusal
   * (422, 409) while sending at once is thrown, for the form to show.
   */
  async logWorkout(queryClient: QueryClient, body: NewWorkoutBody): Promise<WorkoutDetail> {
    await outbox.load();
    const entry: WorkoutEntry = { ...common(), kind: 'workout', body: { ...body, client_id: body.client_id ?? newUuid() } };
    if (state.entries.length) await outbox.replay(queryClient);
    if (canSendNow()) {
      const sent = await postWorkout(entry);
      if (sent.kind === 'sent') return sent.data;
      if (sent.kind === 'refused') throw sent.problem;
    }
    add(entry);
    retrySoon(queryClient);
    return showQueuedWorkout(queryClient, entry);
  },

  /**
   * Mark a session done or not (PATCH /plans/{id}/sessions/{id}): sent at once when
   * possible, else queued (the plan shows it at once). Answers like the service does.
   */
  async setSessionCompleted(
    queryClient: QueryClient,
    change: { planId: string; sessionId: string; completed: boolean },
  ): Promise<SessionUpdated> {
    await outbox.load();
    const entry: SessionEntry = { ...common(), kind: 'session', ...change };
    if (state.entries.length) await outbox.replay(queryClient);
    let failure: unknown = null;
    if (canSendNow()) {
      const sent = await patchSession(entry);
      if (sent.kind === 'sent') return sent.data;
      if (sent.kind === 'refused') throw sent.problem;
      failure = sent.error;
    }
    const answer = queuedSessionAnswer(queryClient, entry);
    if (!answer) throw failure ?? new TypeError('Network request failed');
    add(entry);
    retrySoon(queryClient);
    showSessions(queryClient, [entry]);
    return answer;
  },

  /**
   * Send what waits, oldest first, stopping at the first change that must wait longer
   * (so the order holds). `now`: the network just came back, skip the waits.
   */
  replay(queryClient: QueryClient, { now = false }: { now?: boolean } = {}): Promise<void> {
    if (replaying) return replaying;
    replaying = (async () => {
      await outbox.load();
      for (;;) {
        const entry = state.entries[0];
        if (!entry) break;
        if (!now && entry.nextAttemptAt > Date.now()) {
          schedule(queryClient, entry.nextAttemptAt);
          break;
        }
        if (entry.kind === 'workout') {
          const sent = await postWorkout(entry);
          if (sent.kind === 'sent') {
            remove(entry);
            workoutSent(queryClient, entry, sent.data);
            continue;
          }
          if (sent.kind === 'refused') {
            remove(entry, `${describe(entry)} could not be saved: ${sent.problem.detail}`);
            workoutDropped(queryClient, entry);
            continue;
          }
        } else {
          const sent = await patchSession(entry);
          if (sent.kind !== 'retry') {
            const note = sent.kind === 'refused' ? `${describe(entry)} could not be saved: ${sent.problem.detail}` : undefined;
            remove(entry, note);
            sessionSettled(queryClient, entry);
            continue;
          }
        }
        const attempts = entry.attempts + 1;
        const wait = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? 300_000;
        const later = { ...entry, attempts, nextAttemptAt: Date.now() + wait };
        setState({ ...state, entries: state.entries.map((e) => (e.id === entry.id ? later : e)) });
        if (onlineManager.isOnline()) schedule(queryClient, later.nextAttemptAt);
        break;
      }
    })().finally(() => {
      replaying = null;
    });
    return replaying;
  },

  /** Keep the waiting changes shown over refetched lists; answers the unsubscribe. */
  attach(queryClient: QueryClient): () => void {
    const stop = keepWaitingShown(queryClient, () => state.entries);
    return () => {
      stop();
      if (timer) clearTimeout(timer);
      timer = null;
    };
  },

  dismissError(): void {
    if (state.lastError !== null) setState({ ...state, lastError: null });
  },

  /** Forget everything (sign-out: another account must not send this one's changes). */
  async clear(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    state = { entries: [], lastError: null };
    listeners.forEach((l) => l());
    await cacheStorage.removeItem(OUTBOX_KEY).catch(() => undefined);
  },
};
