import { PasswordScreen } from '@/screens/PasswordScreen';

export default PasswordScreen;
