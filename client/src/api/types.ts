/** The generated schema's components, by name: `Schema<'WorkoutSummary'>`. */
import type { components, paths } from './schema';

export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
export type { paths };

export type Profile = Schema<'Profile'>;
export type TokenPair = Schema<'TokenPair'>;
export type WorkoutSummary = Schema<'WorkoutSummary'>;
export type WorkoutDetail = Schema<'WorkoutDetail'>;
export type WorkoutPage = Schema<'WorkoutPage'>;
export type Sport = WorkoutSummary['sport'];
export type DashboardSummary = Schema<'DashboardSummary'>;
export type Load = Schema<'Load'>;
export type LoadDay = Schema<'LoadDay'>;
export type PlanDetail = Schema<'PlanDetail'>;
export type PlanSummary = Schema<'PlanSummary'>;
export type PlanWeek = Schema<'PlanWeek'>;
export type PlanDay = Schema<'PlanDay'>;
export type PlannedSession = Schema<'PlannedSession'>;
export type PlanGoal = PlanDetail['goal'];
export type DeviceOut = Schema<'DeviceOut'>;

export const SPORTS: readonly Sport[] = [
  'run',
  'trail_run',
  'treadmill',
  'walk',
  'ride',
  'swim',
  'strength',
  'other',
];
