import { Button, Center, Checkbox, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput } from '../../../shared/api/contract';
import { formatPortalDate } from '../../../shared/date';
import type { RevisionSummary } from '../../../shared/review';
import { ApiError, call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useCan, useMe } from '../components/me';
import type { SidePanelProps } from '../review/ArticleSidePanel';
import { useReloadOnChange } from '../review/useReloadOnChange';
import { DiffView } from './DiffView';
import { notifyDone } from '../components/notify';

type Comparison = MethodOutput<'revisions.compare'>;
type Ref = MethodInput<'revisions.compare'>['from'];

/** Revisions newest first, any two compared word by word, any one restored as a new revision. */
export function HistoryPanel({ article, saveNow, currentVersion, onReload }: SidePanelProps) {
  const { t } = useTranslation();
  const can = useCan();
  const me = useMe();
  const [items, setItems] = useState<RevisionSummary[] | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<RevisionSummary | null>(null);

  const load = useCallback(async () => {
    try {
      const result = await call('revisions.list', { articleId: article.id });
      setItems([...result.items].sort((a, b) => b.articleVersion - a.articleVersion || b.at.localeCompare(a.at)));
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, [article.id]);

  useReloadOnChange(article.id, load);

  async function compare(key: string, from: Ref, to: Ref) {
    setBusy(key);
    setFailure(null);
    try {
      // "Current" means what is stored: the text on screen goes there first.
      if (to === 'current' && !(await saveNow()))
        throw new ApiError({ code: 'UNAVAILABLE', message: t('review.saveFirst') });
      setComparison(await call('revisions.compare', { articleId: article.id, from, to }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  }

  function comparePicked() {
    const chosen = (items ?? []).filter((item) => picked.includes(item.id));
    const [newer, older] = chosen;
    if (!newer || !older) return;
    void compare('picked', older.id, newer.id);
  }

  async function restore(revision: RevisionSummary) {
    setBusy('restore');
    setFailure(null);
    try {
      if (!(await saveNow())) throw new ApiError({ code: 'UNAVAILABLE', message: t('review.saveFirst') });
      await call('revisions.restore', { revisionId: revision.id, baseVersion: currentVersion() });
      setRestoring(null);
      onReload();
      notifyDone(t('history.restored', { when: formatPortalDate(revision.at) }));
    } catch (error) {
      setFailure(error);
      setRestoring(null);
    } finally {
      setBusy(null);
    }
  }

  const toggle = (id: string) =>
    setPicked((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2)));
  const editable = me?.id === article.authorId ? can('article.editOwn') : can('article.editOthers');

  return (
    <Stack gap="sm" data-testid="history-panel">
      <Group gap="xs">
        <Button
          size="xs"
          variant="light"
          loading={busy === 'approved'}
          onClick={() => void compare('approved', 'approved', 'current')}
          data-testid="compare-approved"
        >
          {t('history.sinceApproval')}
        </Button>
        {/* "My last submission" means something only to whoever submitted: the author. */}
        {me?.id === article.authorId ? (
          <Button
            size="xs"
            variant="light"
            loading={busy === 'mine'}
            onClick={() => void compare('mine', 'my_submission', 'current')}
            data-testid="compare-my-submission"
          >
            {t('history.sinceMySubmission')}
          </Button>
        ) : null}
      </Group>
      {failure !== null ? <ErrorAlert error={failure} testId="history-error" /> : null}
      {items === null ? (
        failure === null ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : null
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      ) : (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {t('history.pickTwo')}
            </Text>
            <Button
              size="xs"
              disabled={picked.length !== 2}
              loading={busy === 'picked'}
              onClick={comparePicked}
              data-testid="compare-picked"
            >
              {t('history.compare')}
            </Button>
          </Group>
          <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('history.title')}>
            {items.map((item) => (
              <Group
                key={item.id}
                component="li"
                gap="xs"
                wrap="nowrap"
                justify="space-between"
                data-testid="revision-row"
                data-kind={item.kind}
              >
                <Checkbox
                  size="xs"
                  checked={picked.includes(item.id)}
                  onChange={() => toggle(item.id)}
                  aria-label={`${t('history.select')}: ${t(`history.kinds.${item.kind}`)} ${formatPortalDate(item.at)}`}
                  label={
                    <Stack gap={0}>
                      <Text size="sm" fw={item.kind === 'autosave' ? 400 : 600}>
                        {t(`history.kinds.${item.kind}`)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {item.authorName} · {formatPortalDate(item.at)}
                      </Text>
                    </Stack>
                  }
                />
                {editable ? (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => setRestoring(item)}
                    data-testid="revision-restore"
                  >
                    {t('history.restore')}
                  </Button>
                ) : null}
              </Group>
            ))}
          </Stack>
        </>
      )}

      <Modal
        opened={comparison !== null}
        onClose={() => setComparison(null)}
        title={t('history.diffTitle')}
        size="xl"
        centered
      >
        {comparison ? <ComparisonView comparison={comparison} /> : null}
      </Modal>

      <Modal opened={restoring !== null} onClose={() => setRestoring(null)} title={t('history.restoreTitle')} centered>
        {restoring ? (
          <Stack>
            <Text size="sm">{t('history.restoreBody', { time: formatPortalDate(restoring.at) })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRestoring(null)}>
                {t('history.cancel')}
              </Button>
              <Button
                loading={busy === 'restore'}
                onClick={() => void restore(restoring)}
                data-testid="restore-confirm"
              >
                {t('history.restoreConfirm')}
              </Button>
            </Group>
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}

function ComparisonView({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const label = (revision: RevisionSummary | null) =>
    revision
      ? `${t(`history.kinds.${revision.kind}`)} · ${revision.authorName} · ${formatPortalDate(revision.at)}`
      : t('history.current');
  const changed = (tokens: Comparison['title']) => tokens.some((token) => token.op !== 'equal');
  return (
    <Stack gap="sm">
      <Group gap="lg">
        <Text size="sm">
          <b>{t('history.from')}:</b> {label(comparison.from)}
        </Text>
        <Text size="sm">
          <b>{t('history.to')}:</b> {label(comparison.to)}
        </Text>
      </Group>
      {changed(comparison.title) ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('editor.title')}
          </Text>
          <DiffView parts={comparison.title} testId="diff-title" />
        </Stack>
      ) : null}
      {changed(comparison.summary) ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('editor.summary')}
          </Text>
          <DiffView parts={comparison.summary} testId="diff-summary" />
        </Stack>
      ) : null}
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('editor.body')}
        </Text>
        <DiffView parts={comparison.body} />
      </Stack>
    </Stack>
  );
}
