/** Answers shaped like the service's (typed by the generated schema). */
import type { DashboardSummary, PlanDetail, PlannedSession, Profile, TokenPair, WorkoutDetail, WorkoutSummary } from '@/api/types';

export const profile: Profile = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada Runner',
  timezone: 'Europe/London',
  birth_date: null,
  sex: null,
  weight_kg: null,
  max_hr: null,
  resting_hr: null,
  lthr: null,
  units: 'metric',
  leaderboard_opt_in: false,
  tier: 'free',
  is_admin: false,
  email_verified: false,
  created_at: '2026-11-01T08:00:00Z',
};

export function tokenPair(n = 1): TokenPair {
  return { user: profile, access_token: `access-${n}`, refresh_token: `refresh-${n}`, token_type: 'bearer', expires_in: 900 };
}

export function workout(i: number, overrides: Partial<WorkoutSummary> = {}): WorkoutSummary {
  return {
    id: `w${i}`,
    sport: 'run',
    started_at: `2026-11-${String(28 - (i % 27)).padStart(2, '0')}T07:00:00Z`,
    duration_s: 1800 + i,
    moving_time_s: 1790,
    distance_m: 5000 + i * 10,
    elevation_gain_m: 20,
    avg_hr: 150,
    max_hr: 170,
    avg_pace_s_per_km: 360,
    calories: 400,
    rpe: 5,
    title: `Run ${i}`,
    notes: null,
    source: 'manual',
    device_id: null,
    client_id: null,
    created_at: '2026-11-28T08:00:00Z',
    updated_at: '2026-11-28T08:00:00Z',
    ...overrides,
  };
}

export function workoutDetail(i: number, overrides: Partial<WorkoutDetail> = {}): WorkoutDetail {
  return {
    ...workout(i),
    splits: [
      { index: 1, distance_m: 1000, duration_s: 355, pace_s_per_km: 355, avg_hr: 148, elevation_gain_m: 4 },
      { index: 2, distance_m: 1000, duration_s: 362, pace_s_per_km: 362, avg_hr: 152, elevation_gain_m: 3 },
    ],
    hr_zones: {
      method: 'max_hr',
      max_hr: 190,
      zones: [
        { zone: 1, min_bpm: 95, max_bpm: 114, seconds: 120 },
        { zone: 2, min_bpm: 114, max_bpm: 133, seconds: 600 },
        { zone: 3, min_bpm: 133, max_bpm: 152, seconds: 900 },
        { zone: 4, min_bpm: 152, max_bpm: 171, seconds: 180 },
        { zone: 5, min_bpm: 171, max_bpm: 190, seconds: 0 },
      ],
    },
    load: 42.5,
    load_source: 'hr',
    hr_sample_count: 1800,
    ...overrides,
  };
}

export function plannedSession(id: string, overrides: Partial<PlannedSession> = {}): PlannedSession {
  return {
    id,
    key: `k-${id}`,
    date: '2026-12-03',
    week: 1,
    type: 'easy',
    intensity: 'easy',
    description: 'Easy run',
    target_distance_m: 6000,
    target_duration_s: 2160,
    target_hr_zone: 'Z2',
    target_pace: { min_s_per_km: 340, max_s_per_km: 380 },
    tip: 'Keep it conversational.',
    completed: false,
    completed_at: null,
    compliance: null,
    workout_id: null,
    ...overrides,
  } as PlannedSession;
}

export function plan(overrides: Partial<PlanDetail> = {}): PlanDetail {
  return {
    id: 'p1',
    goal: '10k',
    race_date: '2027-02-14',
    start_date: '2026-12-01',
    end_date: '2027-02-14',
    days_per_week: 4,
    status: 'ready',
    created_at: '2026-11-30T10:00:00Z',
    ready_at: '2026-11-30T10:00:05Z',
    progress: { completed: 0, total: 2, percent: 0 },
    long_run_day: 'sun',
    target_time_s: 2700,
    summary: 'Eleven weeks to a 45-minute 10K.',
    failure_reason: null,
    total_distance_m: 300000,
    weeks: [
      {
        index: 1,
        phase: 'base',
        is_recovery: false,
        starts_on: '2026-12-01',
        ends_on: '2026-12-07',
        target_distance_m: 25000,
        days: [
          { date: '2026-12-01', day_of_week: 'tue', sessions: [] },
          { date: '2026-12-03', day_of_week: 'thu', sessions: [plannedSession('s1')] },
          {
            date: '2026-12-06',
            day_of_week: 'sun',
            sessions: [plannedSession('s2', { type: 'long', description: 'Long run', date: '2026-12-06', tip: 'Fuel every 40 minutes.' })],
          },
        ],
      },
    ],
    ...overrides,
  } as PlanDetail;
}

export function dashboard(overrides: Partial<DashboardSummary> = {}): DashboardSummary {
  return {
    recent_workouts: [workout(1), workout(2)],
    week: { distance_m: 21500, duration_s: 7400, load: 180, count: 3, start: '2026-11-30', end: '2026-12-06', by_sport: {} },
    readiness: {
      score: 72,
      confidence: 'medium',
      missing: [],
      components: { sleep: { score: 80, weight: 0.3, contribution: 24, detail: '7.5 h of sleep' } },
    },
    risk: {
      risk: 'moderate',
      score: 45,
      factors: [{ code: 'acwr_high', severity: 'moderate', value: 1.4, threshold: 1.3, message: 'Your load rose quickly this week.' }],
    },
    load_today: { ctl: 40, atl: 55, tsb: -15 },
    planned_session: plannedSession('s1'),
    unread_count: 2,
    ads: false,
    tier: 'free',
    ...overrides,
  } as DashboardSummary;
}
