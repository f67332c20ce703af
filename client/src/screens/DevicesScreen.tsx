import { Placeholder } from './Placeholder';

export function DevicesScreen() {
  return <Placeholder title="Devices" about="connect Garmin and see its syncs." />;
}
