import { Placeholder } from './Placeholder';

export function CoachScreen() {
  return <Placeholder title="Coach" about="chat with your AI coach, streamed as it answers." />;
}
