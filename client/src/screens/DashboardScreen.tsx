import { Placeholder } from './Placeholder';

export function DashboardScreen() {
  return <Placeholder title="Dashboard" about="this week, readiness, risk and your training load." />;
}
