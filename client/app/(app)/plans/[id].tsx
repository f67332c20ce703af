import { PlanScreen } from '@/screens/PlanScreen';

export default PlanScreen;
