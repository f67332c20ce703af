import { Placeholder } from './Placeholder';

export function WorkoutDetailScreen() {
  return <Placeholder title="Workout" about="splits, heart-rate zones and load." />;
}
