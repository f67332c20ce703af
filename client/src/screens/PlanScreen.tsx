import { Placeholder } from './Placeholder';

export function PlanScreen() {
  return <Placeholder title="Training plan" about="the weeks, sessions and coaching tips." />;
}
