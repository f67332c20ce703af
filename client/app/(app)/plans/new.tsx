import { CreatePlanScreen } from '@/screens/CreatePlanScreen';

export default CreatePlanScreen;
