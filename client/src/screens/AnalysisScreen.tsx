import { useQuery } from '@tanstack/react-query';
import { useLocalSearchParams } from 'expo-router';
import { Text } from 'react-native';

import { api, ok } from '@/api/client';
import { shortDate } from '@/lib/format';
import { Card, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font } from '@/ui/theme';

/** One analysis by the coach (GET /coach/analyses/{id}); polled while it is being written. */
function useAnalysis(id: string) {
  return useQuery({
    queryKey: ['coach', 'analysis', id],
    queryFn: () => ok(api.GET('/api/v1/coach/analyses/{analysis_id}', { params: { path: { analysis_id: id } } })),
    enabled: !!id,
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 5000 : false),
  });
}

export function AnalysisScreen() {
  const { id } = useLocalSearchParams<{ id: string }>();
  const analysis = useAnalysis(String(id ?? ''));
  const a = analysis.data;
  return (
    <Screen title="Analysis">
      {analysis.isLoading ? <Loading label="Loading the analysis" /> : null}
      {analysis.error ? <ErrorBanner error={analysis.error} onRetry={() => void analysis.refetch()} /> : null}
      {a ? (
        <Card title={a.period_start ? `${shortDate(a.period_start)} – ${shortDate(a.period_end)}` : 'Your recent weeks'}>
          {a.status === 'pending' ? <Loading label="The coach is writing your analysis" /> : null}
          {a.status === 'failed' ? (
            <Text style={{ color: colors.danger, fontSize: font.body }}>
              The analysis could not be written{a.failure_reason ? `: ${a.failure_reason}` : '.'}
            </Text>
          ) : null}
          {a.content ? <Text style={{ color: colors.text, fontSize: font.body }}>{a.content}</Text> : null}
        </Card>
      ) : null}
    </Screen>
  );
}
