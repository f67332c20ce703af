import { Placeholder } from './Placeholder';

export function LogWorkoutScreen() {
  return <Placeholder title="Log a workout" about="a form to log a workout by hand." />;
}
