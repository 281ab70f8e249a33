import { Alert, Button, Center, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { ReviewedArticle } from '../../../shared/review';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ApprovalBadge, groupHex } from '../review/ApprovalCard';
import './slip.css';

/** Phiếu duyệt bài: one printable page that records who signed off which exact text, and when. */
export function ApprovalSlipScreen({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const [article, setArticle] = useState<ReviewedArticle | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    let current = true;
    call('articles.get', { id }).then(
      (value) => current && setArticle(value),
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [id]);

  const toolbar = (
    <Group justify="space-between" className="bt-no-print">
      <Button variant="subtle" px="xs" onClick={onBack} data-testid="slip-back">
        ← {t('slip.back')}
      </Button>
      {article?.latestApproval ? (
        <Button onClick={() => window.print()} data-testid="slip-print">
          {t('slip.print')}
        </Button>
      ) : null}
    </Group>
  );

  if (failure !== null || article === null) {
    return (
      <Stack>
        {toolbar}
        {failure !== null ? (
          <ErrorAlert error={failure} />
        ) : (
          <Center py="xl">
            <Loader aria-label={t('app.loading')} />
          </Center>
        )}
      </Stack>
    );
  }

  const approval = article.latestApproval;
  return (
    <Stack gap="md">
      {toolbar}
      <article className="bt-slip" data-testid="approval-slip" lang="vi">
        <Text size="sm" tt="uppercase" fw={600} c="dimmed">
          {t('slip.office')}
        </Text>
        <Title order={1} className="bt-slip-title">
          {t('slip.title')}
        </Title>
        {approval ? (
          <>
            <Table className="bt-slip-table" withTableBorder withColumnBorders verticalSpacing="sm">
              <Table.Tbody>
                <Row label={t('slip.articleTitle')} value={article.title || t('list.untitled')} testId="slip-title" />
                <Row label={t('slip.author')} value={article.byline || article.authorName} testId="slip-author" />
                <Row label={t('slip.approver')} value={approval.approverName} testId="slip-approver" />
                <Row label={t('slip.approvedAt')} value={formatPortalDate(approval.approvedAt)} testId="slip-time" />
                <Row label={t('slip.contentHash')} value={groupHex(approval.signedHash)} mono testId="slip-hash" />
                <Row
                  label={t('slip.fingerprint')}
                  value={groupHex(approval.keyFingerprint)}
                  mono
                  testId="slip-fingerprint"
                />
                <Table.Tr>
                  <Table.Th w="32%">{t('slip.verification')}</Table.Th>
                  <Table.Td>
                    <ApprovalBadge approval={approval} voided={false} />
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {approval.approverId === article.authorId ? (
              <Alert color="yellow" variant="light" data-testid="slip-self-signed">
                {t('slip.selfSigned', { name: approval.approverName })}
              </Alert>
            ) : null}
            {!approval.valid ? (
              <Alert color="red" variant="light" role="alert">
                {t('review.invalidHint')}
              </Alert>
            ) : null}
            <Group grow mt="xl" className="bt-slip-signatures" align="flex-start">
              <Stack gap={4} align="center">
                <Text fw={600}>{t('slip.author')}</Text>
                <Text size="sm">{article.authorName}</Text>
              </Stack>
              <Stack gap={4} align="center">
                <Text fw={600}>{t('slip.approver')}</Text>
                <Text size="sm">{approval.approverName}</Text>
              </Stack>
            </Group>
          </>
        ) : (
          <Text c="dimmed">{t('slip.none')}</Text>
        )}
      </article>
    </Stack>
  );
}

function Row({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <Table.Tr>
      <Table.Th w="32%">{label}</Table.Th>
      <Table.Td ff={mono ? 'monospace' : undefined} style={{ wordBreak: 'break-all' }} data-testid={testId}>
        {value}
      </Table.Td>
    </Table.Tr>
  );
}
