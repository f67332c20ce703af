/** How numbers read: distances in km, durations h:mm:ss, paces min:ss /km, dates short. */

export function km(metres: number | null | undefined, digits = 1): string {
  if (metres === null || metres === undefined) return '–';
  return `${(metres / 1000).toFixed(digits)} km`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  const ss = String(rest).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function pace(secondsPerKm: number | null | undefined): string {
  if (!secondsPerKm) return '–';
  const s = Math.round(secondsPerKm);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} /km`;
}

/** "h:mm:ss" or "mm:ss" -> seconds; null when it does not read as a time. */
export function parseDuration(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length < 1 || parts.length > 3 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  const numbers = parts.map(Number);
  if (numbers.slice(1).some((n) => n >= 60)) return null;
  const seconds = numbers.reduce((total, n) => total * 60 + n, 0);
  return parts.length === 1 ? seconds * 60 : seconds; // a bare number is minutes
}

export function shortDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric' });
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const SPORT_NAMES: Record<string, string> = {
  run: 'Run',
  trail_run: 'Trail run',
  treadmill: 'Treadmill',
  walk: 'Walk',
  ride: 'Ride',
  swim: 'Swim',
  strength: 'Strength',
  other: 'Other',
};

export function sportName(sport: string): string {
  return SPORT_NAMES[sport] ?? sport;
}

const GOAL_NAMES: Record<string, string> = {
  '5k': '5K',
  '10k': '10K',
  half: 'Half marathon',
  marathon: 'Marathon',
  base: 'Base building',
};

export function goalName(goal: string): string {
  return GOAL_NAMES[goal] ?? goal;
}

export function humanize(code: string): string {
  const text = code.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Today as YYYY-MM-DD in the device's zone. */
export function localDate(date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
