export { Button } from './Button';
export { Card } from './Card';
export { Chip } from './Chip';
export { EmptyState } from './EmptyState';
export { ErrorBanner } from './ErrorBanner';
export { Loading } from './Loading';
export { Screen } from './Screen';
export { TextField } from './TextField';
export { colors, font, radius, space } from './theme';
