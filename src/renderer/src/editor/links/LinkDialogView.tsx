import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The address of the link under the caret, or null when a new link is being added. */
  existing: string | null;
  value: string;
  onValueChange: (value: string) => void;
  error: string | null;
  onSubmit: (event: FormEvent) => void;
  onRemove: () => void;
  confirmOpen: boolean;
  onConfirmOpenChange: (open: boolean) => void;
  copied: boolean;
  onCopy: () => void;
  onOpenExternally: () => void;
}

/** The link dialog and the confirmation before an address is opened outside the app. */
export function LinkDialogView({
  opened,
  onClose,
  existing,
  value,
  onValueChange,
  error,
  onSubmit,
  onRemove,
  confirmOpen,
  onConfirmOpenChange,
  copied,
  onCopy,
  onOpenExternally,
}: Props) {
  const { t } = useTranslation();
  return (
    <>
      <Modal opened={opened} onClose={onClose} title={t(existing ? 'link.editTitle' : 'link.addTitle')}>
        <form onSubmit={onSubmit}>
          <Stack>
            <TextInput
              label={t('link.url')}
              description={t('link.hint')}
              value={value}
              onChange={(event) => onValueChange(event.currentTarget.value)}
              error={error}
              data-autofocus
            />
            <Group justify="space-between">
              <Group gap="xs">
                {existing && (
                  <>
                    <Button variant="subtle" color="red" onClick={onRemove}>
                      {t('link.remove')}
                    </Button>
                    <Button variant="subtle" onClick={() => onConfirmOpenChange(true)}>
                      {t('link.open')}
                    </Button>
                  </>
                )}
              </Group>
              <Button type="submit">{t('link.save')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={confirmOpen} onClose={() => onConfirmOpenChange(false)} title={t('link.confirmTitle')}>
        <Stack>
          <Text>{t('link.confirmText')}</Text>
          <Text ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="link-confirm-url">
            {existing}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCopy}>
              {copied ? t('link.copied') : t('link.copy')}
            </Button>
            <Button onClick={onOpenExternally}>{t('link.openConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
