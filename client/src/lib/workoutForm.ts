/** The hand-logged workout form: what was typed -> the POST /workouts body, or field errors. */
import type { Sport } from '@/api/types';
import type { NewWorkout } from '@/hooks/useWorkouts';

import { localDate, parseDuration } from './format';

export type WorkoutFormValues = {
  sport: Sport;
  date: string; // YYYY-MM-DD, local
  time: string; // HH:MM, local
  duration: string; // h:mm:ss or mm:ss
  distanceKm: string;
  avgHr: string;
  maxHr: string;
  rpe: string;
  title: string;
  notes: string;
};

export type WorkoutFormField = keyof WorkoutFormValues;
export type WorkoutFormErrors = Partial<Record<WorkoutFormField, string>>;

/** API field -> form field, to put a 422's messages next to the right input. */
export const API_FIELDS: Record<string, WorkoutFormField> = {
  sport: 'sport',
  started_at: 'date',
  duration_s: 'duration',
  distance_m: 'distanceKm',
  avg_hr: 'avgHr',
  max_hr: 'maxHr',
  rpe: 'rpe',
  title: 'title',
  notes: 'notes',
};

export function emptyWorkoutForm(now = new Date()): WorkoutFormValues {
  return {
    sport: 'run',
    date: localDate(now),
    time: `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`,
    duration: '',
    distanceKm: '',
    avgHr: '',
    maxHr: '',
    rpe: '',
    title: '',
    notes: '',
  };
}

function number(text: string): number | null | 'bad' {
  const t = text.trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : 'bad';
}

export function validateWorkoutForm(
  values: WorkoutFormValues,
  now = new Date(),
): { body: NewWorkout; errors: null } | { body: null; errors: WorkoutFormErrors } {
  const errors: WorkoutFormErrors = {};

  let startedAt: Date | null = null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date.trim())) {
    errors.date = 'Enter the date as YYYY-MM-DD.';
  } else if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(values.time.trim())) {
    errors.time = 'Enter the start time as HH:MM.';
  } else {
    const [hh = '0', mm = '0'] = values.time.trim().split(':');
    startedAt = new Date(`${values.date.trim()}T${hh.padStart(2, '0')}:${mm}:00`);
    if (Number.isNaN(startedAt.getTime())) errors.date = 'This date does not exist.';
    else if (startedAt.getTime() > now.getTime() + 60_000) errors.date = 'The workout cannot start in the future.';
  }

  const durationS = parseDuration(values.duration);
  if (!values.duration.trim()) errors.duration = 'Enter how long it took.';
  else if (durationS === null || durationS <= 0) errors.duration = 'Enter the duration as h:mm:ss, mm:ss or minutes.';
  else if (durationS > 7 * 24 * 3600) errors.duration = 'A workout lasts at most a week.';

  const distance = number(values.distanceKm);
  if (distance === 'bad' || (distance !== null && (distance < 0 || distance > 1000))) {
    errors.distanceKm = 'Enter a distance between 0 and 1000 km.';
  }
  const avgHr = number(values.avgHr);
  if (avgHr === 'bad' || (avgHr !== null && (avgHr < 25 || avgHr > 250))) errors.avgHr = 'Heart rate is between 25 and 250 bpm.';
  const maxHr = number(values.maxHr);
  if (maxHr === 'bad' || (maxHr !== null && (maxHr < 25 || maxHr > 250))) errors.maxHr = 'Heart rate is between 25 and 250 bpm.';
  if (typeof avgHr === 'number' && typeof maxHr === 'number' && !errors.avgHr && !errors.maxHr && avgHr > maxHr) {
    errors.avgHr = 'Average heart rate cannot be above the maximum.';
  }
  const rpe = number(values.rpe);
  if (rpe === 'bad' || (rpe !== null && (!Number.isInteger(rpe) || rpe < 1 || rpe > 10))) errors.rpe = 'Effort is a whole number from 1 to 10.';
  if (values.title.length > 200) errors.title = 'Keep the title under 200 characters.';

  if (Object.keys(errors).length || !startedAt || durationS === null) return { body: null, errors };
  const body: NewWorkout = {
    sport: values.sport,
    started_at: startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    duration_s: durationS,
    distance_m: typeof distance === 'number' ? Math.round(distance * 1000) : null,
    avg_hr: typeof avgHr === 'number' ? avgHr : null,
    max_hr: typeof maxHr === 'number' ? maxHr : null,
    rpe: typeof rpe === 'number' ? rpe : null,
    title: values.title.trim() || null,
    notes: values.notes.trim() || null,
  };
  return { body, errors: null };
}
