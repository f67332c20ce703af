import { DevicesScreen } from '@/screens/DevicesScreen';

export default DevicesScreen;
