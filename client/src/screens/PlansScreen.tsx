import { Placeholder } from './Placeholder';

export function PlansScreen() {
  return <Placeholder title="Training plan" about="your plan and a new one." />;
}
