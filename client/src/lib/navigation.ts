/** Where to go after signing in: the app path the user asked for (`?next=`), else the dashboard. */
export function safeNext(next: string | string[] | undefined): string {
  const value = Array.isArray(next) ? next[0] : next;
  // only paths inside the app: no scheme, no protocol-relative //host
  if (value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') && !value.startsWith('/register')) {
    return value;
  }
  return '/dashboard';
}
