import { WorkoutsScreen } from '@/screens/WorkoutsScreen';

export default WorkoutsScreen;
