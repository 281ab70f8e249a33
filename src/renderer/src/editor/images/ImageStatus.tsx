import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** What ImagePlugin says while images are stored, and why one was refused. */
export function ImageStatus({
  busy,
  error,
  onDismiss,
}: {
  busy: boolean;
  error: string | null;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {busy && (
        <Alert color="blue" variant="light" className="bt-image-status" role="status">
          {t('image.uploading')}
        </Alert>
      )}
      {error && (
        <Alert
          color="red"
          variant="light"
          className="bt-image-status"
          role="alert"
          withCloseButton
          onClose={onDismiss}
          closeButtonLabel={t('image.dismiss')}
        >
          {error}
        </Alert>
      )}
    </>
  );
}
