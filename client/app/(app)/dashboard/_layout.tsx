import { Stack } from 'expo-router';

export default function TabStack() {
  return <Stack screenOptions={{ headerShown: false }} />;
}
