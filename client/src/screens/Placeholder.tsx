/**
 * A screen not built yet (the scaffold's stand-in for screens owned by other work):
 * its title and what it will hold.
 */
import { Text } from 'react-native';

import { Card, Screen } from '@/ui';
import { colors, font } from '@/ui/theme';

export function Placeholder({ title, about }: { title: string; about: string }) {
  return (
    <Screen title={title}>
      <Card>
        <Text style={{ color: colors.muted, fontSize: font.body }}>Coming soon: {about}</Text>
      </Card>
    </Screen>
  );
}
