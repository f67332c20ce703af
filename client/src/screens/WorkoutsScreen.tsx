import * as DocumentPicker from 'expo-document-picker';
import { router } from 'expo-router';
import { useState } from 'react';
import { FlatList, ScrollView, StyleSheet, Text, View } from 'react-native';

import { SPORTS, type Sport } from '@/api/types';
import { useImportWorkout, useWorkouts } from '@/hooks/useWorkouts';
import { sportName } from '@/lib/format';
import { Button, Chip, EmptyState, ErrorBanner, Loading, Screen } from '@/ui';
import { colors, font, space } from '@/ui/theme';

import { WorkoutRow } from './WorkoutRow';

const IMPORT_TYPES = ['.fit', '.gpx', '.tcx', 'application/octet-stream', 'application/gpx+xml', 'application/vnd.garmin.tcx+xml'];

export function WorkoutsScreen() {
  const [sport, setSport] = useState<Sport | null>(null);
  const workouts = useWorkouts(sport);
  const importer = useImportWorkout();
  const items = workouts.data?.pages.flatMap((page) => page.items) ?? [];

  const pickAndImport = async () => {
    const picked = await DocumentPicker.getDocumentAsync({ type: IMPORT_TYPES, copyToCacheDirectory: true, multiple: false });
    if (picked.canceled) return;
    const asset = picked.assets[0];
    if (!asset) return;
    const workout = await importer.mutateAsync({ name: asset.name, uri: asset.uri, mimeType: asset.mimeType, file: asset.file });
    router.push({ pathname: '/workouts/[id]', params: { id: workout.id } });
  };

  return (
    <Screen
      title="Workouts"
      scroll={false}
      actions={
        <View style={styles.actions}>
          <Button label="Import file" variant="secondary" busy={importer.isPending} onPress={() => void pickAndImport().catch(() => undefined)} accessibilityHint="Import a .fit, .gpx or .tcx file" />
          <Button label="Log workout" onPress={() => router.push('/workouts/new')} />
        </View>
      }
    >
      <ScrollView horizontal showsHorizontalScrollIndicator={false} contentContainerStyle={styles.chips} accessibilityLabel="Filter by sport" style={styles.chipBar}>
        <Chip label="All" selected={sport === null} onPress={() => setSport(null)} accessibilityLabel="All sports" />
        {SPORTS.map((s) => (
          <Chip key={s} label={sportName(s)} selected={sport === s} onPress={() => setSport(sport === s ? null : s)} />
        ))}
      </ScrollView>
      {importer.isSuccess ? <Text style={styles.note}>Workout imported.</Text> : null}
      <ErrorBanner error={importer.error} />
      {workouts.isPending ? (
        <Loading label="Loading workouts" />
      ) : workouts.isError && !items.length ? (
        <ErrorBanner error={workouts.error} onRetry={() => void workouts.refetch()} />
      ) : (
        <FlatList
          accessibilityLabel="Workout list"
          data={items}
          keyExtractor={(w) => w.id}
          renderItem={({ item }) => <WorkoutRow workout={item} />}
          contentContainerStyle={styles.list}
          onEndReachedThreshold={0.5}
          onEndReached={() => {
            if (workouts.hasNextPage && !workouts.isFetchingNextPage) void workouts.fetchNextPage();
          }}
          refreshing={workouts.isRefetching && !workouts.isFetchingNextPage}
          onRefresh={() => void workouts.refetch()}
          ListEmptyComponent={
            <EmptyState
              title={sport ? `No ${sportName(sport).toLowerCase()} workouts yet` : 'No workouts yet'}
              message="Log one by hand, import a file, or connect Garmin in Settings."
            />
          }
          ListFooterComponent={
            workouts.isFetchingNextPage ? (
              <Loading label="Loading more workouts" />
            ) : workouts.isFetchNextPageError ? (
              <ErrorBanner error={workouts.error} onRetry={() => void workouts.fetchNextPage()} />
            ) : workouts.hasNextPage ? (
              <Button label="Load more" variant="link" onPress={() => void workouts.fetchNextPage()} />
            ) : null
          }
        />
      )}
    </Screen>
  );
}

const styles = StyleSheet.create({
  actions: { flexDirection: 'row', gap: space.sm },
  chipBar: { flexGrow: 0 },
  chips: { gap: space.sm, paddingVertical: space.xs },
  list: { gap: space.sm, paddingBottom: space.xl },
  note: { color: colors.success, fontSize: font.body },
});
