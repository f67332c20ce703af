import { NotificationsScreen } from '@/screens/NotificationsScreen';

export default NotificationsScreen;
