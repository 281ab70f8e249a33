import { Button, Loader, Modal } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PagePreview } from './PagePreview';

/** "As on the portal": the page the static site would write for the article as stored now. */
export function PreviewButton({ articleId, saveNow }: { articleId: string; saveNow: () => Promise<boolean> }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const open = async () => {
    setOpened(true);
    setHtml(null);
    setError(null);
    // The preview shows what is stored: the text on screen is saved first.
    await saveNow();
    try {
      setHtml((await call('publishing.preview', { articleId })).html);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <>
      <Button variant="default" size="xs" onClick={() => void open()} data-testid="preview-open">
        {t('publishing.preview')}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('publishing.previewTitle')} size="xl">
        {error !== null ? (
          <ErrorAlert error={error} />
        ) : html === null ? (
          <Loader aria-label={t('app.loading')} />
        ) : (
          <PagePreview html={html} title={t('publishing.previewTitle')} />
        )}
      </Modal>
    </>
  );
}
