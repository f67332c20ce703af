/** Where a tapped notification leads: an app path from its `data`. */

const DEFAULT_PATH = '/dashboard/notifications';

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** An app path (`/plans/<id>`) from a path or a `runcoach://plans/<id>` link; else null. */
export function appPath(url: string): string | null {
  const path = url.replace(/^runcoach:\/\//, '/');
  // only the app's own paths: no other scheme, no protocol-relative or absolute URL
  return /^\/(?!\/)[\w\-./?=&%]*$/.test(path) ? path : null;
}

/** The push's `data.url`, else its plan or analysis, else the notifications list. */
export function pathForNotification(data: Record<string, unknown> | null | undefined): string {
  const url = text(data?.url);
  const fromUrl = url ? appPath(url) : null;
  if (fromUrl) return fromUrl;
  const planId = text(data?.plan_id);
  if (planId) return `/plans/${encodeURIComponent(planId)}`;
  const analysisId = text(data?.analysis_id);
  if (analysisId) return `/analysis/${encodeURIComponent(analysisId)}`;
  return DEFAULT_PATH;
}
