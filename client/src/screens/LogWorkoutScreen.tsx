import { router } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { ApiProblem } from '@/api/problem';
import { SPORTS } from '@/api/types';
import { useCreateWorkout } from '@/hooks/useWorkouts';
import { sportName } from '@/lib/format';
import {
  API_FIELDS,
  emptyWorkoutForm,
  validateWorkoutForm,
  type WorkoutFormErrors,
  type WorkoutFormField,
  type WorkoutFormValues,
} from '@/lib/workoutForm';
import { Button, Card, Chip, ErrorBanner, Screen, TextField } from '@/ui';
import { colors, font, space } from '@/ui/theme';

/** Log a workout by hand (POST /workouts); checked here first, then the service's 422s by field. */
export function LogWorkoutScreen() {
  const [values, setValues] = useState<WorkoutFormValues>(() => emptyWorkoutForm());
  const [errors, setErrors] = useState<WorkoutFormErrors>({});
  const create = useCreateWorkout();

  const set = (field: WorkoutFormField) => (text: string) => setValues((v) => ({ ...v, [field]: text }));

  const serverErrors: WorkoutFormErrors = {};
  if (create.error instanceof ApiProblem) {
    for (const e of create.error.errors) {
      const field = API_FIELDS[e.field.split('.').pop() ?? ''];
      if (field && !serverErrors[field]) serverErrors[field] = e.message;
    }
  }
  const errorFor = (field: WorkoutFormField) => errors[field] ?? serverErrors[field];

  const submit = () => {
    const checked = validateWorkoutForm(values);
    setErrors(checked.errors ?? {});
    if (!checked.body) return;
    create.mutate(checked.body, {
      onSuccess: (workout) => router.replace({ pathname: '/workouts/[id]', params: { id: workout.id } }),
    });
  };

  return (
    <Screen title="Log a workout" actions={<Button label="Cancel" variant="link" onPress={() => (router.canGoBack() ? router.back() : router.replace('/workouts'))} />}>
      <Card>
        <Text style={styles.label}>Sport</Text>
        <View style={styles.chips} accessibilityLabel="Sport">
          {SPORTS.map((s) => (
            <Chip key={s} label={sportName(s)} selected={values.sport === s} onPress={() => setValues((v) => ({ ...v, sport: s }))} />
          ))}
        </View>
        <View style={styles.row}>
          <View style={styles.cell}>
            <TextField label="Date" value={values.date} onChangeText={set('date')} placeholder="YYYY-MM-DD" error={errorFor('date')} />
          </View>
          <View style={styles.cell}>
            <TextField label="Start time" value={values.time} onChangeText={set('time')} placeholder="HH:MM" error={errorFor('time')} />
          </View>
        </View>
        <View style={styles.row}>
          <View style={styles.cell}>
            <TextField label="Duration" value={values.duration} onChangeText={set('duration')} placeholder="h:mm:ss" error={errorFor('duration')} />
          </View>
          <View style={styles.cell}>
            <TextField label="Distance (km)" value={values.distanceKm} onChangeText={set('distanceKm')} keyboardType="decimal-pad" error={errorFor('distanceKm')} />
          </View>
        </View>
        <View style={styles.row}>
          <View style={styles.cell}>
            <TextField label="Average heart rate" value={values.avgHr} onChangeText={set('avgHr')} keyboardType="number-pad" error={errorFor('avgHr')} />
          </View>
          <View style={styles.cell}>
            <TextField label="Maximum heart rate" value={values.maxHr} onChangeText={set('maxHr')} keyboardType="number-pad" error={errorFor('maxHr')} />
          </View>
        </View>
        <TextField label="Effort (1-10)" value={values.rpe} onChangeText={set('rpe')} keyboardType="number-pad" error={errorFor('rpe')} />
        <TextField label="Title" value={values.title} onChangeText={set('title')} error={errorFor('title')} />
        <TextField label="Notes" value={values.notes} onChangeText={set('notes')} multiline error={errorFor('notes')} />
        <ErrorBanner error={create.error} shownFields={Object.keys(API_FIELDS)} />
        <Button label="Save workout" onPress={submit} busy={create.isPending} />
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  label: { fontSize: font.small, fontWeight: '600', color: colors.text },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
  row: { flexDirection: 'row', flexWrap: 'wrap', gap: space.md },
  cell: { flexGrow: 1, flexBasis: 160 },
});
