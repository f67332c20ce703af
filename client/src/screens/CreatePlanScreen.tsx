import { Placeholder } from './Placeholder';

export function CreatePlanScreen() {
  return <Placeholder title="New training plan" about="goal, race date and training days." />;
}
