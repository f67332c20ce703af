import { WorkoutDetailScreen } from '@/screens/WorkoutDetailScreen';

export default WorkoutDetailScreen;
