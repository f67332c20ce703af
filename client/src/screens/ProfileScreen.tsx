import { Placeholder } from './Placeholder';

export function ProfileScreen() {
  return <Placeholder title="Profile" about="your name, time zone, heart rates and units." />;
}
