import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SaveState } from '../autosave/AutosaveController';

const COLORS: Record<SaveState, string> = {
  saved: 'teal',
  unsaved: 'yellow',
  saving: 'blue',
  error: 'red',
};

/** The saved/unsaved indicator. `data-state` is the machine-readable form tests wait on. */
export function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  return (
    <Badge
      data-testid="save-status"
      data-state={state}
      role="status"
      aria-live="polite"
      color={COLORS[state]}
      variant={state === 'saved' ? 'light' : 'filled'}
      size="lg"
      radius="sm"
      tt="none"
    >
      {t(`save.${state}`)}
    </Badge>
  );
}
