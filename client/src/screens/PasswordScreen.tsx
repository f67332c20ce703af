import { Placeholder } from './Placeholder';

export function PasswordScreen() {
  return <Placeholder title="Password" about="change your password." />;
}
