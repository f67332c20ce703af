/** Query keys, one place: a resource's key prefix invalidates everything under it. */
export const keys = {
  me: ['me'] as const,
  dashboard: ['dashboard'] as const,
  load: (days: number) => ['analytics', 'load', days] as const,
  workouts: ['workouts'] as const,
  workoutList: (sport: string | null) => ['workouts', 'list', sport ?? 'all'] as const,
  workout: (id: string) => ['workouts', 'detail', id] as const,
  plans: ['plans'] as const,
  planList: ['plans', 'list'] as const,
  activePlan: ['plans', 'active'] as const,
  plan: (id: string) => ['plans', 'detail', id] as const,
  devices: ['devices'] as const,
  unreadCount: ['notifications', 'unread-count'] as const,
};
