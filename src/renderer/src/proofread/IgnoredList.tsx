import { Button, Group, Stack, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProofIgnore } from '../../../shared/proofreadApi';
import { call } from '../api';

/**
 * What the writers chose to ignore in this article, each with a way back. Reloaded whenever
 * `version` moves (an ignore was added), so the list follows the panel.
 */
export function IgnoredList({
  articleId,
  version,
  onRestored,
  onError,
}: {
  articleId: string;
  version: number;
  onRestored: () => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ProofIgnore[]>([]);

  const load = useCallback(async () => {
    try {
      setItems((await call('proofread.ignores.list', { articleId })).items);
    } catch (error) {
      onError(error);
    }
  }, [articleId, onError]);

  useEffect(() => {
    void load();
  }, [load, version]);

  async function restore(item: ProofIgnore) {
    try {
      await call('proofread.ignores.remove', { articleId, ...item });
      await load();
      onRestored();
    } catch (error) {
      onError(error);
    }
  }

  if (items.length === 0) return null;
  return (
    <Stack gap={4} data-testid="proof-ignored">
      <Text size="xs" fw={600} c="dimmed">
        {t('proofread.ignored', { count: items.length })}
      </Text>
      {items.map((item) => (
        <Group key={`${item.rule}\u0000${item.text}`} gap="xs" justify="space-between" wrap="nowrap">
          <Text size="xs" c="dimmed" truncate>
            {t(`proofread.rules.${item.rule}`, { defaultValue: item.rule })}: “{item.text}”
          </Text>
          <Button size="compact-xs" variant="subtle" onClick={() => void restore(item)}>
            {t('proofread.restore')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
