import { Alert, Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checklist } from '../../../../shared/proofreadApi';
import { useChecklist } from './useChecklist';

type Gated = 'submit' | 'approve';

/** What the checklist lists, blocking items first; advice beside the buttons, not an alert. */
function ChecklistAlert({
  items,
  color,
  title,
  testId,
}: {
  items: Checklist['blocking'];
  color: string;
  title: string;
  testId: string;
}) {
  if (items.length === 0) return null;
  return (
    <Alert role="note" color={color} variant="light" p="xs" title={title} data-testid={testId}>
      <List size="sm">
        {items.map((item) => (
          <List.Item key={item.check} data-check={item.check}>
            {item.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function ChecklistItems({ checklist }: { checklist: Checklist }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <ChecklistAlert
        items={checklist.blocking}
        color="red"
        title={t('checklist.blocking')}
        testId="checklist-blocking"
      />
      <ChecklistAlert
        items={checklist.warnings}
        color="yellow"
        title={t('checklist.warnings')}
        testId="checklist-warnings"
      />
    </Stack>
  );
}

/**
 * The checklist around the submit and approve buttons. Warnings are listed beside the buttons all
 * along, so sending the article is itself the "send anyway". Clicking re-reads the checklist from
 * the saved text; while anything blocks, a dialog says what, and the action stays off until it is
 * fixed. The core refuses a blocked article in any case.
 */
export function useChecklistGate(articleId: string, saveNow: () => Promise<boolean>, enabled: boolean) {
  const { t } = useTranslation();
  const { checklist, load } = useChecklist(articleId, enabled);
  const [blocked, setBlocked] = useState<{ action: Gated; checklist: Checklist } | null>(null);

  async function before(action: Gated, proceed: () => void): Promise<void> {
    // The checklist reads the stored article: what is on screen must be stored first.
    const fresh = (await saveNow()) ? await load() : null;
    if (fresh && fresh.blocking.length > 0) setBlocked({ action, checklist: fresh });
    else proceed();
  }

  const notice: ReactNode =
    enabled && checklist && checklist.blocking.length + checklist.warnings.length > 0 ? (
      <Stack gap={4} data-testid="checklist-notice">
        <Text size="sm" fw={600}>
          {t('checklist.title')}
        </Text>
        <ChecklistItems checklist={checklist} />
        <Text size="xs" c="dimmed">
          {checklist.blocking.length > 0 ? t('checklist.blockedHint') : t('checklist.warningHint')}
        </Text>
      </Stack>
    ) : null;

  const dialog: ReactNode = (
    <Modal opened={blocked !== null} onClose={() => setBlocked(null)} centered title={t('checklist.title')}>
      {blocked ? (
        <Stack gap="sm" data-testid="checklist-dialog">
          <ChecklistItems checklist={blocked.checklist} />
          <Text size="sm">{t('checklist.blockedHint')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setBlocked(null)} data-autofocus>
              {t('checklist.back')}
            </Button>
            <Button disabled data-testid="checklist-proceed">
              {blocked.action === 'submit' ? t('checklist.sendAnyway') : t('checklist.approveAnyway')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );

  return { before: (action: Gated, proceed: () => void) => void before(action, proceed), notice, dialog };
}
