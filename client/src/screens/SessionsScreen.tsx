import { Placeholder } from './Placeholder';

export function SessionsScreen() {
  return <Placeholder title="Signed-in sessions" about="the devices signed in to your account, with remote sign-out." />;
}
