/**
 * Workout share links: POST / DELETE /api/v1/workouts/{id}/share, through the typed client.
 */
import { api, done, ok } from './client';
import type { Schema } from './types';

export type WorkoutShare = Schema<'ShareLinkOut'>;

function pathOf(workoutId: string) {
  return { params: { path: { workout_id: workoutId } } };
}

/** Create (or get) the workout's read-only link. */
export function shareWorkout(workoutId: string): Promise<WorkoutShare> {
  return ok(api.POST('/api/v1/workouts/{workout_id}/share', pathOf(workoutId)));
}

/** Revoke the workout's link (the page stops answering at once). */
export function stopSharingWorkout(workoutId: string): Promise<void> {
  return done(api.DELETE('/api/v1/workouts/{workout_id}/share', pathOf(workoutId)));
}
