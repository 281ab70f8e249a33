import { Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { articleParts, type PortalArticleParts } from '../../../../shared/portal/page';
import type { PageOffer } from './sourcePaste';

/** What the fields hold now: a part that would replace typed text says so. */
export interface CurrentFields {
  title: string;
  summary: string;
  byline: string;
}

const shorten = (text: string, max = 140) => (text.length > max ? `${text.slice(0, max).trimEnd()}…` : text);

/**
 * One prompt for a pasted portal page: what goes to the title, the sapo, the body and the
 * byline, what of the page is dropped; "Đặt vào đúng chỗ", the paste as it came, or nothing.
 */
export function PageOfferDialog({
  offer,
  current,
  onPlace,
  onClose,
}: {
  offer: PageOffer | null;
  current: CurrentFields;
  /** The fields' new values; the body goes in through the offer. */
  onPlace: (parts: PortalArticleParts) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const parts = offer ? articleParts(offer.page) : null;
  const replaces = (field: keyof CurrentFields, value: string) =>
    current[field].trim() !== '' && current[field].trim() !== value.trim();
  const row = (label: string, value: string, field?: keyof CurrentFields) =>
    value === '' ? null : (
      <Table.Tr key={label}>
        <Table.Th w={130}>{label}</Table.Th>
        <Table.Td>
          <Text size="sm" lang="vi">
            {shorten(value)}
          </Text>
          {field && replaces(field, value) ? (
            <Text size="xs" c="orange.8">
              {t('paste.replaces', { text: shorten(current[field], 60) })}
            </Text>
          ) : null}
        </Table.Td>
      </Table.Tr>
    );
  return (
    <Modal
      opened={offer !== null}
      onClose={onClose}
      title={t('paste.pageTitle')}
      size="lg"
      centered
      data-testid="page-paste-dialog"
    >
      {offer && parts ? (
        <Stack>
          <Text size="sm">{t('paste.pageBody')}</Text>
          <Table withRowBorders verticalSpacing={6} data-testid="page-paste-parts">
            <Table.Tbody>
              {row(t('editor.title'), parts.title, 'title')}
              {row(t('editor.summary'), parts.summary, 'summary')}
              {row(t('editor.body'), t('paste.paragraphs', { count: parts.body.length }))}
              {row(t('publishing.byline'), parts.byline, 'byline')}
              {row(t('paste.date'), offer.page.dateLine ? t('paste.dateKept', { date: offer.page.dateLine }) : '')}
              {row(t('paste.dropped'), offer.page.dropped.join(' · '))}
            </Table.Tbody>
          </Table>
          {offer.droppedLinks > 0 ? (
            <Text size="xs" c="dimmed">
              {t('paste.linksDropped', { count: offer.droppedLinks })}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="subtle" color="gray" onClick={onClose} data-testid="page-paste-cancel">
              {t('paste.cancel')}
            </Button>
            <Button
              variant="default"
              data-testid="page-paste-as-is"
              onClick={() => {
                offer.pasteAsIs();
                onClose();
              }}
            >
              {t('paste.asIs')}
            </Button>
            <Button
              data-testid="page-paste-place"
              onClick={() => {
                onPlace(parts);
                offer.placeBody(parts.body);
                onClose();
              }}
            >
              {t('paste.place')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
