import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { documentDateLine, formatPortalDate } from '../../../shared/date';
import type { ReviewedArticle } from '../../../shared/review';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useOrganisation } from '../components/organisation';
import { ApprovalBadge, groupHex } from '../review/ApprovalCard';
import './slip.css';

/** Phiếu duyệt bài: one printable page that records who signed off which exact text, and when. */
export function ApprovalSlipScreen({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const organisation = useOrganisation();
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
        {/* The header of an administrative document: the issuing body on the left, the national
            header and motto on the right, then the number and the place and date line. */}
        <div className="bt-slip-header">
          <div className="bt-slip-issuer">
            {organisation.parent ? <div className="bt-slip-parent">{organisation.parent}</div> : null}
            <div className="bt-slip-unit" data-testid="slip-unit">
              {organisation.name}
            </div>
            <div className="bt-slip-rule" />
            <div className="bt-slip-number">{t('slip.number')}</div>
          </div>
          <div className="bt-slip-nation">
            <div className="bt-slip-country">{t('slip.country')}</div>
            <div className="bt-slip-motto">{t('slip.motto')}</div>
            <div className="bt-slip-rule" />
            {approval ? (
              <div className="bt-slip-dateline" data-testid="slip-dateline">
                {documentDateLine(organisation.place, approval.approvedAt)}
              </div>
            ) : null}
          </div>
        </div>
        <Title order={1} className="bt-slip-title">
          {t('slip.title')}
        </Title>
        {approval ? (
          <>
            <table className="bt-slip-table">
              <tbody>
                <Row label={t('slip.articleTitle')} value={article.title || t('list.untitled')} testId="slip-title" />
                <Row label={t('slip.author')} value={article.byline || article.authorName} testId="slip-author" />
                <Row label={t('slip.approver')} value={approval.approverName} testId="slip-approver" />
                <Row label={t('slip.approvedAt')} value={formatPortalDate(approval.approvedAt)} testId="slip-time" />
                <tr>
                  <th>{t('slip.verification')}</th>
                  <td>
                    <ApprovalBadge approval={approval} voided={false} />
                  </td>
                </tr>
              </tbody>
            </table>
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
            <div className="bt-slip-signatures">
              <div className="bt-slip-signature">
                <div className="bt-slip-signer">{t('slip.authorBlock')}</div>
                <div className="bt-slip-hint">{t('slip.signHint')}</div>
                <div className="bt-slip-space" />
                <div className="bt-slip-name">{article.authorName}</div>
              </div>
              <div className="bt-slip-signature">
                <div className="bt-slip-signer">{t('slip.approverBlock')}</div>
                <div className="bt-slip-hint">
                  {t('slip.signedDigitally', { time: formatPortalDate(approval.approvedAt) })}
                </div>
                <div className="bt-slip-space" />
                <div className="bt-slip-name">{approval.approverName}</div>
              </div>
            </div>
            {/* The codes a reader checks the signature with, small and last: they are not words. */}
            <dl className="bt-slip-codes">
              <dt>{t('slip.contentHash')}</dt>
              <dd data-testid="slip-hash">{groupHex(approval.signedHash)}</dd>
              <dt>{t('slip.fingerprint')}</dt>
              <dd data-testid="slip-fingerprint">{groupHex(approval.keyFingerprint)}</dd>
            </dl>
          </>
        ) : (
          <Text c="dimmed">{t('slip.none')}</Text>
        )}
      </article>
    </Stack>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <tr>
      <th>{label}</th>
      <td data-testid={testId}>{value}</td>
    </tr>
  );
}
