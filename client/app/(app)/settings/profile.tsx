import { ProfileScreen } from '@/screens/ProfileScreen';

export default ProfileScreen;
