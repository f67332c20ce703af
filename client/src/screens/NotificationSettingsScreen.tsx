import { Placeholder } from './Placeholder';

export function NotificationSettingsScreen() {
  return <Placeholder title="Notification settings" about="email and push choices, digest time and quiet hours." />;
}
