import { SessionsScreen } from '@/screens/SessionsScreen';

export default SessionsScreen;
