import { Stack } from 'expo-router';

export default function WorkoutsStack() {
  return (
    <Stack screenOptions={{ headerShown: false }}>
      <Stack.Screen name="index" />
      <Stack.Screen name="[id]" options={{ presentation: 'modal' }} />
      <Stack.Screen name="new" />
    </Stack>
  );
}
