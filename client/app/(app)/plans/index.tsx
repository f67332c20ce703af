import { PlansScreen } from '@/screens/PlansScreen';

export default PlansScreen;
