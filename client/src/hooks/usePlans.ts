import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, ok } from '@/api/client';
import type { paths, PlanDetail, PlannedSession } from '@/api/types';

import { outbox } from '@/offline/outbox';

import { keys } from './keys';

/** How often a generating plan is asked for again. */
export const PLAN_POLL_MS = 2000;

/** The athlete's plans (GET /plans). */
export function usePlans() {
  return useQuery({ queryKey: keys.planList, queryFn: () => ok(api.GET('/api/v1/plans')) });
}

/** One plan with its weeks; asked again every 2 s while it is generating (GET /plans/{id}). */
export function usePlan(id: string) {
  return useQuery({
    queryKey: keys.plan(id),
    queryFn: () => ok(api.GET('/api/v1/plans/{plan_id}', { params: { path: { plan_id: id } } })),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'generating' ? PLAN_POLL_MS : false),
  });
}

export type NewPlan = NonNullable<paths['/api/v1/plans']['post']['requestBody']>['content']['application/json'];

/** Ask for a plan (POST /plans -> 202 generating); poll it with usePlan(plan_id). */
export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPlan) => ok(api.POST('/api/v1/plans', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.plans });
    },
  });
}

function withSession(plan: PlanDetail, sessionId: string, change: (s: PlannedSession) => PlannedSession): PlanDetail {
  return {
    ...plan,
    weeks: plan.weeks.map((week) => ({
      ...week,
      days: week.days.map((day) => ({
        ...day,
        sessions: day.sessions.map((s) => (s.id === sessionId ? change(s) : s)),
      })),
    })),
  };
}

/** Mark a session done or not (PATCH /plans/{id}/sessions/{session_id}), shown at once. */
export function useCompleteSession(planId: string) {
  const queryClient = useQueryClient();
  const key = keys.plan(planId);
  return useMutation({
    mutationFn: ({ sessionId, completed }: { sessionId: string; completed: boolean }) =>
      outbox.setSessionCompleted(queryClient, { planId, sessionId, completed }),
    networkMode: 'always', // offline, the outbox queues it
    onMutate: async ({ sessionId, completed }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<PlanDetail>(key);
      if (before) {
        queryClient.setQueryData<PlanDetail>(key, withSession(before, sessionId, (s) => ({ ...s, completed })));
      }
      return { before };
    },
    onError: (_error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSuccess: (answer, { sessionId }) => {
      queryClient.setQueryData<PlanDetail>(key, (plan) =>
        plan ? { ...withSession(plan, sessionId, () => answer.session), progress: answer.progress } : plan,
      );
      void queryClient.invalidateQueries({ queryKey: keys.dashboard });
      void queryClient.invalidateQueries({ queryKey: keys.activePlan });
    },
  });
}
