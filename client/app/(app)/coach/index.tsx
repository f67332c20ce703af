import { CoachScreen } from '@/screens/CoachScreen';

export default CoachScreen;
