import { router } from 'expo-router';
import { useState } from 'react';
import { StyleSheet, Text, View } from 'react-native';

import { ApiProblem } from '@/api/problem';
import type { PlanGoal } from '@/api/types';
import { useCreatePlan, type NewPlan } from '@/hooks/usePlans';
import { goalName, localDate, parseDuration } from '@/lib/format';
import { Button, Card, Chip, ErrorBanner, Screen, TextField } from '@/ui';
import { colors, font, space } from '@/ui/theme';

const GOALS: PlanGoal[] = ['5k', '10k', 'half', 'marathon', 'base'];
const DAYS = [3, 4, 5, 6, 7] as const;
type LongRunDay = NonNullable<NewPlan['long_run_day']>;
const WEEKDAYS: { value: LongRunDay; label: string }[] = [
  { value: 'mon', label: 'Mon' },
  { value: 'tue', label: 'Tue' },
  { value: 'wed', label: 'Wed' },
  { value: 'thu', label: 'Thu' },
  { value: 'fri', label: 'Fri' },
  { value: 'sat', label: 'Sat' },
  { value: 'sun', label: 'Sun' },
];

type Field = 'race_date' | 'target_time_s' | 'days_per_week' | 'goal';

/** Ask for a plan: goal, race date, days a week, target time, long-run day -> 202, then its page polls. */
export function CreatePlanScreen() {
  const [goal, setGoal] = useState<PlanGoal>('10k');
  const [days, setDays] = useState<number>(4);
  const [raceDate, setRaceDate] = useState('');
  const [target, setTarget] = useState('');
  const [longRunDay, setLongRunDay] = useState<LongRunDay | null>('sun');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const create = useCreatePlan();

  const serverError = (field: Field) => (create.error instanceof ApiProblem ? create.error.fieldError(field) : undefined);

  const submit = () => {
    const problems: Partial<Record<Field, string>> = {};
    if (raceDate.trim()) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(raceDate.trim()) || Number.isNaN(Date.parse(raceDate.trim()))) {
        problems.race_date = 'Enter the race date as YYYY-MM-DD.';
      } else if (raceDate.trim() <= localDate()) {
        problems.race_date = 'The race date must be in the future.';
      }
    }
    let targetTime: number | null = null;
    if (target.trim()) {
      targetTime = /^\d+:\d{2}(:\d{2})?$/.test(target.trim()) ? parseDuration(target) : null;
      if (!targetTime) problems.target_time_s = 'Enter the target time as h:mm:ss.';
    }
    if (goal === 'base' && targetTime) problems.target_time_s = 'Base building has no target time.';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    const body: NewPlan = {
      goal,
      days_per_week: days,
      race_date: raceDate.trim() || null,
      target_time_s: targetTime,
      long_run_day: longRunDay,
    };
    create.mutate(body, {
      onSuccess: (answer) => router.replace({ pathname: '/plans/[id]', params: { id: answer.plan_id } }),
    });
  };

  return (
    <Screen title="New training plan" actions={<Button label="Cancel" variant="link" onPress={() => (router.canGoBack() ? router.back() : router.replace('/plans'))} />}>
      <Card>
        <Text style={styles.label}>Goal</Text>
        <View style={styles.chips}>
          {GOALS.map((g) => (
            <Chip key={g} label={goalName(g)} selected={goal === g} onPress={() => setGoal(g)} />
          ))}
        </View>
        <Text style={styles.label}>Days a week</Text>
        <View style={styles.chips}>
          {DAYS.map((d) => (
            <Chip key={d} label={String(d)} accessibilityLabel={`${d} days a week`} selected={days === d} onPress={() => setDays(d)} />
          ))}
        </View>
        <TextField label="Race date" value={raceDate} onChangeText={setRaceDate} placeholder="YYYY-MM-DD" hint="Optional" error={errors.race_date ?? serverError('race_date')} />
        <TextField label="Target time" value={target} onChangeText={setTarget} placeholder="h:mm:ss" hint="Optional, e.g. 0:45:00" error={errors.target_time_s ?? serverError('target_time_s')} />
        <Text style={styles.label}>Long run day</Text>
        <View style={styles.chips}>
          {WEEKDAYS.map((d) => (
            <Chip key={d.value} label={d.label} accessibilityLabel={`Long run on ${d.label}`} selected={longRunDay === d.value} onPress={() => setLongRunDay(longRunDay === d.value ? null : d.value)} />
          ))}
        </View>
        <ErrorBanner error={create.error} shownFields={['race_date', 'target_time_s']} />
        <Button label="Create plan" onPress={submit} busy={create.isPending} />
      </Card>
    </Screen>
  );
}

const styles = StyleSheet.create({
  label: { fontSize: font.small, fontWeight: '600', color: colors.text },
  chips: { flexDirection: 'row', flexWrap: 'wrap', gap: space.sm },
});
