import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { Approval } from '../../../shared/review';

/** Long hex strings in groups of four, so two people can read one aloud and compare. */
export function groupHex(hex: string): string {
  return hex.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The verdict the core computed when it loaded the approval: valid, or INVALID in red. */
export function ApprovalBadge({ approval, voided }: { approval: Approval; voided: boolean }) {
  const { t } = useTranslation();
  if (voided) {
    return (
      <Badge color="orange" variant="filled" radius="sm" tt="none" data-testid="approval-badge" data-state="voided">
        {t('review.voidedBadge')}
      </Badge>
    );
  }
  return approval.valid ? (
    <Badge color="teal" variant="filled" radius="sm" tt="none" data-testid="approval-badge" data-state="valid">
      ✓ {t('review.valid')}
    </Badge>
  ) : (
    <Badge
      color="red"
      variant="filled"
      radius="sm"
      tt="none"
      size="lg"
      data-testid="approval-badge"
      data-state="invalid"
    >
      ✗ {t('review.invalid')}
    </Badge>
  );
}

export function ApprovalCard({ approval, voided }: { approval: Approval; voided: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="approval-card">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fw={600} size="sm">
            {t('review.approval')}
          </Text>
          <ApprovalBadge approval={approval} voided={voided} />
        </Group>
        {voided ? (
          <Alert color="orange" variant="light" p="xs" data-testid="approval-voided">
            <Text size="sm">{t('review.voided')}</Text>
          </Alert>
        ) : !approval.valid ? (
          <Alert color="red" variant="light" p="xs" role="alert" data-testid="approval-invalid">
            <Text size="sm">{t(`review.problems.${approval.problem ?? 'content_changed'}`)}</Text>
            <Text size="sm">{t('review.invalidHint')}</Text>
          </Alert>
        ) : null}
        <Field label={t('review.signer')} value={approval.approverName} testId="approval-signer" />
        <Field label={t('review.signedAt')} value={formatPortalDate(approval.approvedAt)} testId="approval-time" />
        {/* The codes are for checking, not reading: folded until asked for. */}
        <details className="bt-approval-details">
          <summary>
            <Text component="span" size="xs" c="dimmed">
              {t('review.details')}
            </Text>
          </summary>
          <Stack gap={6} mt={4}>
            <Field
              label={t('review.fingerprint')}
              value={groupHex(approval.keyFingerprint)}
              mono
              testId="approval-fingerprint"
            />
            <Field label={t('review.contentHash')} value={groupHex(approval.signedHash)} mono />
          </Stack>
        </details>
      </Stack>
    </Paper>
  );
}

function Field({ label, value, mono, testId }: { label: string; value: string; mono?: boolean; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text
        size="sm"
        ff={mono ? 'monospace' : undefined}
        style={mono ? { overflowWrap: 'anywhere' } : undefined}
        data-testid={testId}
      >
        {value}
      </Text>
    </div>
  );
}
