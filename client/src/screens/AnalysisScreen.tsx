import { Placeholder } from './Placeholder';

export function AnalysisScreen() {
  return <Placeholder title="Analysis" about="the coach's analysis of your recent weeks." />;
}
