import type { ReactNode } from 'react';
import { RefreshControl, ScrollView, StyleSheet, Text, View } from 'react-native';

import { colors, font, space } from './theme';

type Props = {
  title?: string;
  children: ReactNode;
  /** false for screens that scroll themselves (a FlatList) */
  scroll?: boolean;
  refreshing?: boolean;
  onRefresh?: () => void;
  actions?: ReactNode;
};

/** A screen's frame: its heading (role header) and a centred, width-limited column. */
export function Screen({ title, children, scroll = true, refreshing, onRefresh, actions }: Props) {
  const heading = title ? (
    <View style={styles.headingRow}>
      <Text accessibilityRole="header" style={styles.title}>
        {title}
      </Text>
      {actions}
    </View>
  ) : null;
  if (!scroll) {
    return (
      <View style={styles.root}>
        <View style={[styles.column, styles.fill]}>
          {heading}
          {children}
        </View>
      </View>
    );
  }
  return (
    <ScrollView
      style={styles.root}
      contentContainerStyle={styles.scrollContent}
      refreshControl={
        onRefresh ? <RefreshControl refreshing={refreshing ?? false} onRefresh={onRefresh} /> : undefined
      }
    >
      <View style={styles.column}>
        {heading}
        {children}
      </View>
    </ScrollView>
  );
}

const styles = StyleSheet.create({
  root: { flex: 1, backgroundColor: colors.background },
  scrollContent: { paddingBottom: space.xl * 2 },
  column: { width: '100%', maxWidth: 960, alignSelf: 'center', padding: space.lg, gap: space.md },
  fill: { flex: 1 },
  headingRow: { flexDirection: 'row', alignItems: 'center', justifyContent: 'space-between', gap: space.sm },
  title: { fontSize: font.heading, fontWeight: '700', color: colors.text },
});
