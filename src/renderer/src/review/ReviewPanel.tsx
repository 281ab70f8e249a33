import { notifyDone } from '../components/notify';
import {
  Alert,
  Button,
  Center,
  Group,
  List,
  Loader,
  Modal,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  Timeline,
} from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { Placement } from '../../../shared/publishing';
import { WORKFLOW_EVENT_KINDS, type ReviewedArticle, type WorkflowEventKind } from '../../../shared/review';
import { ApiError, call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { StatusBadge } from '../components/StatusBadge';
import { useChecklistGate } from '../proofread/checklist/ChecklistGate';
import type { SidePanelProps } from './ArticleSidePanel';
import { ApprovalCard } from './ApprovalCard';
import { approvalVoided } from './approval';
import { useArticleReview } from './useArticleReview';
import { DateTimePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import { DAY_TIME_FORMAT } from '../components/dates';

type Dialog = 'requestChanges' | 'approve' | 'withdraw' | 'schedule' | 'publish' | null;

/** Status, the workflow buttons this user has for it, and the approval as the core verified it. */
export function ReviewPanel({
  article: initial,
  saveNow,
  currentVersion,
  adoptVersion,
  onOpenSlip,
  onStatus,
  onAccess,
}: SidePanelProps) {
  const { t } = useTranslation();
  const { review, failure: loadFailure, reload } = useArticleReview(initial.id);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);

  const status = review?.article.status ?? initial.status;
  // The core decides what this person may do with the article now; the panel offers exactly that.
  const allowed = new Set(review?.article.actions ?? []);
  const gate = useChecklistGate(initial.id, saveNow, allowed.has('submit') || allowed.has('approve'));
  useEffect(() => onStatus(status), [status, onStatus]);
  useEffect(() => {
    if (review) onAccess?.(review.article);
  }, [review, onAccess]);

  /** Saves the editor first: every transition acts on what is stored, which must be what is on screen. */
  async function act(name: string, run: () => Promise<ReviewedArticle>): Promise<boolean> {
    setBusy(name);
    setFailure(null);
    try {
      if (!(await saveNow())) throw new ApiError({ code: 'UNAVAILABLE', message: t('review.saveFirst') });
      const updated = await run();
      adoptVersion(updated.version);
      await reload();
      notifyDone(t(`review.done.${name}`, { defaultValue: t('review.done.other') }));
      return true;
    } catch (error) {
      setFailure(error);
      return false;
    } finally {
      setBusy(null);
    }
  }

  const id = initial.id;
  const buttons = [
    allowed.has('submit')
      ? {
          key: 'submit',
          label: t('review.submit'),
          color: 'indigo',
          run: () => gate.before('submit', () => void act('submit', () => call('workflow.submit', { articleId: id }))),
        }
      : null,
    allowed.has('retract')
      ? {
          key: 'retract',
          label: t('review.retract'),
          color: 'gray',
          run: () => void act('retract', () => call('workflow.retract', { articleId: id })),
        }
      : null,
    allowed.has('requestChanges')
      ? {
          key: 'requestChanges',
          label: t('review.requestChanges'),
          color: 'orange',
          run: () => setDialog('requestChanges'),
        }
      : null,
    allowed.has('approve')
      ? {
          key: 'approve',
          label: t('review.approve'),
          color: 'teal',
          run: () => gate.before('approve', () => setDialog('approve')),
        }
      : null,
    allowed.has('publish')
      ? {
          key: 'publish',
          label: t('review.publish'),
          color: 'green',
          run: () => setDialog('publish'),
        }
      : null,
    allowed.has('schedule')
      ? { key: 'schedule', label: t('review.schedule'), color: 'green', run: () => setDialog('schedule') }
      : null,
    allowed.has('withdraw')
      ? { key: 'withdraw', label: t('review.withdraw'), color: 'red', run: () => setDialog('withdraw') }
      : null,
  ].filter((button) => button !== null);

  if (review === null) {
    return loadFailure !== null ? (
      <ErrorAlert error={loadFailure} />
    ) : (
      <Center py="md">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }

  const approval = review.article.latestApproval;
  const voided = approvalVoided(review.events);

  return (
    <Stack gap="sm" data-testid="review-panel">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('review.status')}
        </Text>
        <StatusBadge status={status} testId="review-status" />
      </Group>

      {failure !== null ? <ErrorAlert error={failure} testId="review-error" /> : null}

      {buttons.length > 0 ? (
        <Group gap="xs">
          {buttons.map((button) => (
            <Button
              key={button.key}
              size="sm"
              color={button.color}
              loading={busy === button.key}
              disabled={busy !== null && busy !== button.key}
              onClick={button.run}
              data-testid={`review-${button.key}`}
            >
              {button.label}
            </Button>
          ))}
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          {t('review.noActions')}
        </Text>
      )}

      {gate.notice}
      {gate.dialog}

      {approval ? (
        <>
          <ApprovalCard approval={approval} voided={voided} />
          <Button
            variant="light"
            size="xs"
            onClick={onOpenSlip}
            data-testid="open-slip"
            style={{ alignSelf: 'flex-start' }}
          >
            {t('review.slip')}
          </Button>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('review.noApproval')}
        </Text>
      )}

      {review.events.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('review.transitions')}
          </Text>
          <Timeline active={review.events.length} bulletSize={12} lineWidth={2} data-testid="review-events">
            {[...review.events].reverse().map((event) => (
              <Timeline.Item
                key={event.id}
                title={<Text size="sm">{t(`review.events.${event.kind}`)}</Text>}
                color={
                  event.kind === 'approval_voided' ? 'orange' : event.kind === 'changes_requested' ? 'orange' : 'indigo'
                }
              >
                <Text size="xs" c="dimmed">
                  {event.actorName} · {formatPortalDate(event.at)}
                </Text>
                {event.note ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="review-event-note">
                    {event.note}
                  </Text>
                ) : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Stack>
      ) : null}

      {review.refused.length > 0 ? (
        <Stack gap={4} data-testid="review-refused">
          <Text size="sm" fw={600}>
            {t('review.refused')}
          </Text>
          {review.refused.map((refused, index) => (
            <Text
              key={refused.id ?? index}
              size="xs"
              c={refused.forged ? 'red' : 'dimmed'}
              data-testid="review-refused-item"
            >
              {[
                refused.kind && WORKFLOW_EVENT_KINDS.includes(refused.kind as WorkflowEventKind)
                  ? t(`review.events.${refused.kind}`)
                  : null,
                refused.actorName,
                refused.at ? formatPortalDate(refused.at) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
              {': '}
              {refused.reason}
            </Text>
          ))}
        </Stack>
      ) : null}

      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        centered
        title={
          dialog === 'requestChanges'
            ? t('review.requestChangesTitle')
            : dialog === 'approve'
              ? t('review.approveTitle')
              : dialog === 'schedule'
                ? t('review.scheduleTitle')
                : dialog === 'publish'
                  ? t('review.publishTitle')
                  : t('review.withdrawTitle')
        }
      >
        {dialog === 'requestChanges' ? (
          <NoteForm
            required
            submitLabel={t('review.requestChanges')}
            onCancel={() => setDialog(null)}
            onSubmit={async (note) => {
              if (await act('requestChanges', () => call('workflow.requestChanges', { articleId: id, note })))
                setDialog(null);
            }}
          />
        ) : dialog === 'approve' ? (
          <ApproveForm
            onCancel={() => setDialog(null)}
            onSubmit={async (password) => {
              const ok = await act('approve', () =>
                call('workflow.approve', { articleId: id, version: currentVersion(), password }),
              );
              if (ok) setDialog(null);
              return ok;
            }}
          />
        ) : dialog === 'publish' ? (
          <PublishConfirm
            articleId={id}
            onCancel={() => setDialog(null)}
            onConfirm={async () => {
              if (await act('publish', () => call('workflow.publish', { articleId: id }))) setDialog(null);
            }}
          />
        ) : dialog === 'schedule' ? (
          <ScheduleForm
            onCancel={() => setDialog(null)}
            onSubmit={async (at) => {
              if (await act('schedule', () => call('workflow.schedule', { articleId: id, at }))) setDialog(null);
            }}
          />
        ) : dialog === 'withdraw' ? (
          <NoteForm
            submitLabel={t('review.withdraw')}
            intro={t('review.withdrawBody')}
            onCancel={() => setDialog(null)}
            onSubmit={async (note) => {
              const ok = await act('withdraw', () =>
                call('workflow.withdraw', { articleId: id, ...(note ? { note } : {}) }),
              );
              if (ok) setDialog(null);
            }}
          />
        ) : null}
        {dialog !== null && failure !== null ? <ErrorAlert error={failure} /> : null}
      </Modal>
    </Stack>
  );
}

/** Names each site the article goes to and the address readers will find it at, before it goes. */
function PublishConfirm({
  articleId,
  onConfirm,
  onCancel,
}: {
  articleId: string;
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [sites, setSites] = useState<Placement[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    call('publishing.status', { articleId }).then(
      (value) => current && setSites(value.items),
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [articleId]);

  if (failure !== null) return <ErrorAlert error={failure} />;
  if (sites === null) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label={t('app.loading')} />
      </Center>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm">{sites.length > 0 ? t('review.publishBody') : t('review.publishNoSites')}</Text>
      {sites.length > 0 ? (
        <List spacing="xs" size="sm" data-testid="publish-sites">
          {sites.map((site) => (
            <List.Item key={site.targetId} data-testid="publish-site">
              <Text size="sm" fw={600} span>
                {site.targetName}
              </Text>
              <Text
                size="xs"
                c="dimmed"
                ff="monospace"
                style={{ wordBreak: 'break-all' }}
                data-testid="publish-address"
              >
                {site.expectedUrl ?? t('review.publishAddressPending')}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('review.cancel')}
        </Button>
        <Button
          color="green"
          loading={busy}
          data-testid="publish-confirm"
          onClick={async () => {
            setBusy(true);
            await onConfirm();
            setBusy(false);
          }}
        >
          {t('review.publishConfirm')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A local date and time (the office's own clock), sent to the core as an instant. */
function ScheduleForm({ onSubmit, onCancel }: { onSubmit: (at: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const at = value ? dayjs(value).toDate() : new Date(NaN);
    if (!value || Number.isNaN(at.getTime())) return setError(t('validation.required'));
    if (at.getTime() <= Date.now()) return setError(t('review.scheduleFuture'));
    setBusy(true);
    await onSubmit(at.toISOString());
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('review.scheduleBody')}</Text>
        <DateTimePicker
          label={t('review.scheduleAt')}
          valueFormat={DAY_TIME_FORMAT}
          minDate={new Date()}
          value={value || null}
          error={error}
          onChange={(picked) => setValue(picked ?? '')}
          data-autofocus
          data-testid="schedule-at"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('review.cancel')}
          </Button>
          <Button type="submit" color="green" loading={busy}>
            {t('review.schedule')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteForm({
  required = false,
  intro,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  required?: boolean;
  intro?: string;
  submitLabel: string;
  onSubmit: (note: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (required && !note.trim()) {
      setError(t('validation.required'));
      return;
    }
    setBusy(true);
    await onSubmit(note.trim());
    setBusy(false);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {intro ? <Text size="sm">{intro}</Text> : null}
        <Textarea
          label={t('review.note')}
          required={required}
          autosize
          minRows={3}
          value={note}
          error={error}
          onChange={(e) => setNote(e.currentTarget.value)}
          lang="vi"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('review.cancel')}
          </Button>
          <Button type="submit" loading={busy} data-testid="note-submit">
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ApproveForm({
  onSubmit,
  onCancel,
}: {
  onSubmit: (password: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    const ok = await onSubmit(password);
    setBusy(false);
    if (!ok) setPassword('');
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="teal" variant="light" p="xs">
          <Text size="sm">{t('review.approveBody')}</Text>
        </Alert>
        <PasswordInput
          label={t('review.password')}
          required
          autoComplete="current-password"
          visibilityToggleButtonProps={{ 'aria-label': t('app.togglePassword') }}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          data-autofocus
        />
        {busy ? (
          // The wait is the key derivation the password goes through (deliberately slow), then the signature.
          <Group gap="xs" role="status" data-testid="approve-progress">
            <Loader size="xs" color="teal" />
            <Text size="sm">{t('review.signingProgress')}</Text>
          </Group>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('review.cancel')}
          </Button>
          <Button type="submit" color="teal" loading={busy} disabled={!password} data-testid="approve-submit">
            {t('review.sign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
