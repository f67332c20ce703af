import { Placeholder } from './Placeholder';

export function NotificationsScreen() {
  return <Placeholder title="Notifications" about="your notifications, grouped by type, with mark as read." />;
}
