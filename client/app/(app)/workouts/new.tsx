import { LogWorkoutScreen } from '@/screens/LogWorkoutScreen';

export default LogWorkoutScreen;
