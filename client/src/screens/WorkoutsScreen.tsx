import { Placeholder } from './Placeholder';

export function WorkoutsScreen() {
  return <Placeholder title="Workouts" about="your workouts, filters, logging and file import." />;
}
