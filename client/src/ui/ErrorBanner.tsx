import { StyleSheet, Text, View } from 'react-native';

import { ApiProblem, errorMessage } from '@/api/problem';

import { Button } from './Button';
import { colors, font, radius, space } from './theme';

type Props = {
  error: unknown;
  /** field errors shown next to their fields are left out here */
  shownFields?: readonly string[];
  onRetry?: () => void;
};

/** An error for people: the problem's detail, the field errors no field shows, a retry. */
export function ErrorBanner({ error, shownFields = [], onRetry }: Props) {
  if (!error) return null;
  const others =
    error instanceof ApiProblem
      ? error.errors.filter((e) => !shownFields.some((f) => e.field === f || e.field.endsWith(`.${f}`)))
      : [];
  return (
    <View accessibilityRole="alert" style={styles.banner}>
      <Text style={styles.text}>{errorMessage(error)}</Text>
      {others.map((e) => (
        <Text key={`${e.field}:${e.message}`} style={styles.field}>
          {e.field ? `${e.field}: ` : ''}
          {e.message}
        </Text>
      ))}
      {onRetry ? <Button label="Try again" variant="secondary" onPress={onRetry} /> : null}
    </View>
  );
}

const styles = StyleSheet.create({
  banner: {
    backgroundColor: colors.dangerSoft,
    borderRadius: radius.sm,
    padding: space.md,
    gap: space.xs,
  },
  text: { color: colors.danger, fontSize: font.body, fontWeight: '600' },
  field: { color: colors.danger, fontSize: font.small },
});
