/** The app's colours and spacing: one palette, readable on the web and on phones. */
export const colors = {
  brand: '#0F766E',
  brandDark: '#115E59',
  brandSoft: '#CCFBF1',
  background: '#F8FAFC',
  surface: '#FFFFFF',
  border: '#E2E8F0',
  text: '#0F172A',
  muted: '#475569',
  danger: '#B91C1C',
  dangerSoft: '#FEE2E2',
  warning: '#B45309',
  warningSoft: '#FEF3C7',
  success: '#15803D',
  fitness: '#2563EB',
  fatigue: '#DC2626',
  form: '#16A34A',
} as const;

export const space = { xs: 4, sm: 8, md: 12, lg: 16, xl: 24 } as const;
export const radius = { sm: 6, md: 10, lg: 16 } as const;
export const font = { small: 13, body: 15, title: 18, heading: 22, big: 28 } as const;
