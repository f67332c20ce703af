import { DashboardScreen } from '@/screens/DashboardScreen';

export default DashboardScreen;
