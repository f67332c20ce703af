import { NotificationSettingsScreen } from '@/screens/NotificationSettingsScreen';

export default NotificationSettingsScreen;
