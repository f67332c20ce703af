/**
 * Workout share links: POST / DELETE /api/v1/workouts/{id}/share.
 *
 * Hand-typed: these routes are being built in parallel and are not in the
 * generated schema yet. When `paths['/api/v1/workouts/{workout_id}/share']`
 * appears in schema.d.ts, switch these two calls to `api.POST` / `api.DELETE`
 * and the `WorkoutShare` type to `Schema<'...'>` (this is the one place to change).
 */
import { authedFetch } from './client';
import { toProblem } from './problem';

export type WorkoutShare = { url: string; token: string; created_at: string };

function sharePath(workoutId: string): string {
  return `/api/v1/workouts/${encodeURIComponent(workoutId)}/share`;
}

async function bodyOf(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return text;
  }
}

function isShare(value: unknown): value is WorkoutShare {
  return (
    typeof value === 'object' &&
    value !== null &&
    'url' in value &&
    typeof value.url === 'string' &&
    'token' in value &&
    typeof value.token === 'string'
  );
}

/** Create (or get) the workout's read-only link. */
export async function shareWorkout(workoutId: string): Promise<WorkoutShare> {
  const response = await authedFetch(sharePath(workoutId), {
    method: 'POST',
    headers: { Accept: 'application/json' },
  });
  const body = await bodyOf(response);
  if (!response.ok) throw toProblem(response, body);
  if (!isShare(body)) throw new Error('The share link answer had no url.');
  return body;
}

/** Revoke the workout's link (the page stops answering). */
export async function stopSharingWorkout(workoutId: string): Promise<void> {
  const response = await authedFetch(sharePath(workoutId), {
    method: 'DELETE',
    headers: { Accept: 'application/json' },
  });
  if (!response.ok && response.status !== 404) throw toProblem(response, await bodyOf(response));
}
