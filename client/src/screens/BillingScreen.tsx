import { Text } from 'react-native';

import { humanize } from '@/lib/format';
import { useMe } from '@/hooks/useMe';
import { Card, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font } from '@/ui/theme';

export function BillingScreen() {
  const me = useMe();
  return (
    <Screen title="Plan and billing">
      {me.isLoading ? <Loading label="Loading your plan" /> : null}
      {me.error ? <ErrorBanner error={me.error} onRetry={() => void me.refetch()} /> : null}
      {me.data ? (
        <Card title="Your plan">
          <Text style={{ fontSize: font.title, color: colors.text }}>{humanize(me.data.tier)}</Text>
          <Text style={{ fontSize: font.body, color: colors.muted }}>
            Paid plans are coming soon; you will be able to upgrade here.
          </Text>
        </Card>
      ) : null}
    </Screen>
  );
}
