import { BillingScreen } from '@/screens/BillingScreen';

export default BillingScreen;
