/**
 * Saving the profile (PATCH /me with only the changed fields). Reading it is `useMe`
 * (same query key), which the saved answer updates.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api, ok } from '@/api/client';
import type { paths, Profile } from '@/api/types';

import { keys } from './keys';

export type ProfileUpdate = NonNullable<paths['/api/v1/me']['patch']['requestBody']>['content']['application/json'];
export type Sex = NonNullable<Profile['sex']>;
export type Units = Profile['units'];

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdate): Promise<Profile> => ok(api.PATCH('/api/v1/me', { body })),
    onSuccess: (saved) => client.setQueryData(keys.me, saved),
  });
}

export type ProfileForm = {
  name: string;
  timezone: string;
  birth_date: string;
  sex: Sex | null;
  weight_kg: string;
  max_hr: string;
  resting_hr: string;
  lthr: string;
  units: Units;
};

const num = (v: number | null) => (v === null ? '' : String(v));

/** The form's text for a profile. */
export function toForm(p: Profile): ProfileForm {
  return {
    name: p.name,
    timezone: p.timezone,
    birth_date: p.birth_date ?? '',
    sex: p.sex,
    weight_kg: num(p.weight_kg),
    max_hr: num(p.max_hr),
    resting_hr: num(p.resting_hr),
    lthr: num(p.lthr),
    units: p.units,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INTEGER_FIELDS = ['max_hr', 'resting_hr', 'lthr'] as const;

function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/**
 * The PATCH body holding only what changed from `base`, or the field errors found
 * before sending (an empty number or date clears it: null).
 */
export function profileChanges(
  base: Profile,
  form: ProfileForm,
): { body: ProfileUpdate; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const body: ProfileUpdate = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Enter your name.';
  else if (name !== base.name) body.name = name;

  const timezone = form.timezone.trim();
  if (!timezone) errors.timezone = 'Enter a time zone like Europe/London.';
  else if (timezone !== base.timezone) body.timezone = timezone as ProfileUpdate['timezone'];

  const birth = form.birth_date.trim();
  if (birth && !isDate(birth)) errors.birth_date = 'Use a date like 1990-04-21 (YYYY-MM-DD).';
  else if ((birth || null) !== base.birth_date) body.birth_date = birth || null;

  if (form.sex !== base.sex) body.sex = form.sex;
  if (form.units !== base.units) body.units = form.units;

  const weightText = form.weight_kg.trim().replace(',', '.');
  const weight = weightText ? Number(weightText) : null;
  if (weight !== null && !Number.isFinite(weight)) errors.weight_kg = 'Enter a number of kilograms.';
  else if (weight !== base.weight_kg) body.weight_kg = weight;

  for (const field of INTEGER_FIELDS) {
    const text = form[field].trim();
    const value = text ? Number(text) : null;
    if (value !== null && !Number.isInteger(value)) errors[field] = 'Enter whole beats per minute.';
    else if (value !== base[field]) body[field] = value;
  }
  return { body, errors };
}
