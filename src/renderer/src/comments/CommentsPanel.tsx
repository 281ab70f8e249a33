import { Button, Center, Divider, Group, Loader, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommentThread } from '../../../shared/review';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useCan } from '../components/me';
import type { SidePanelProps } from '../review/ArticleSidePanel';
import { useReloadOnChange } from '../review/useReloadOnChange';
import { CommentCard } from './CommentCard';
import { anchorFor, selectedTextRange } from './selection';
import { notifyDone } from '../components/notify';

type Draft = { anchor: { exact: string; prefix: string; suffix: string } } | null;

/** Comments anchored to the body's text: open ones, those whose text is gone, and resolved ones. */
export function CommentsPanel({ article, bodyRoot, saveNow }: SidePanelProps) {
  const { t } = useTranslation();
  const can = useCan();
  const [threads, setThreads] = useState<CommentThread[] | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [draft, setDraft] = useState<Draft>(null);
  const [hint, setHint] = useState(false);

  const load = useCallback(async () => {
    try {
      setThreads((await call('comments.list', { articleId: article.id })).items);
      setFailure(null);
    } catch (error) {
      setFailure(error);
    }
  }, [article.id]);

  useReloadOnChange(article.id, load);

  function startComment() {
    const root = bodyRoot.current;
    const range = root ? selectedTextRange(root, window.getSelection()) : null;
    if (!root || !range) {
      setHint(true);
      return;
    }
    setHint(false);
    setDraft({ anchor: anchorFor(root, range) });
  }

  const update = (thread: CommentThread) =>
    setThreads((all) => (all ?? []).map((item) => (item.id === thread.id ? thread : item)));

  const open = threads?.filter((c) => !c.resolved && !c.detached) ?? [];
  const detached = threads?.filter((c) => !c.resolved && c.detached) ?? [];
  const resolved = threads?.filter((c) => c.resolved) ?? [];

  return (
    <Stack gap="sm" data-testid="comments-panel">
      {can('article.comment') ? (
        <Stack gap={4}>
          <Button
            variant="light"
            // Keeps the text selected in the editor: the click must not move the focus first.
            onMouseDown={(event) => event.preventDefault()}
            onClick={startComment}
            data-testid="comment-start"
          >
            {t('comments.add')}
          </Button>
          <Text size="xs" c={hint ? 'red' : 'dimmed'} role={hint ? 'alert' : undefined}>
            {t('comments.addHint')}
          </Text>
        </Stack>
      ) : null}

      {draft ? (
        <NewComment
          quote={draft.anchor.exact}
          onCancel={() => setDraft(null)}
          onSubmit={async (body) => {
            if (!(await saveNow())) throw new Error('unsaved');
            const thread = await call('comments.add', { articleId: article.id, anchor: draft.anchor, body });
            setThreads((all) => [...(all ?? []), thread]);
            setDraft(null);
            notifyDone(t('comments.added'));
          }}
        />
      ) : null}

      {failure !== null ? <ErrorAlert error={failure} /> : null}
      {threads === null ? (
        failure === null ? (
          <Center py="md">
            <Loader size="sm" aria-label={t('app.loading')} />
          </Center>
        ) : null
      ) : threads.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('comments.empty')}
        </Text>
      ) : (
        <>
          {open.map((thread) => (
            <CommentCard key={thread.id} thread={thread} bodyRoot={bodyRoot} onChange={update} />
          ))}
          {detached.length > 0 ? (
            <Stack gap="xs" data-testid="comments-detached">
              <Divider label={t('comments.detached')} labelPosition="left" color="orange" />
              <Text size="xs" c="dimmed">
                {t('comments.detachedHint')}
              </Text>
              {detached.map((thread) => (
                <CommentCard key={thread.id} thread={thread} bodyRoot={bodyRoot} onChange={update} />
              ))}
            </Stack>
          ) : null}
          {resolved.length > 0 ? (
            <Stack gap="xs" data-testid="comments-resolved">
              <Divider label={t('comments.resolved')} labelPosition="left" />
              {resolved.map((thread) => (
                <CommentCard key={thread.id} thread={thread} bodyRoot={bodyRoot} onChange={update} />
              ))}
            </Stack>
          ) : null}
        </>
      )}
    </Stack>
  );
}

function NewComment({
  quote,
  onSubmit,
  onCancel,
}: {
  quote: string;
  onSubmit: (body: string) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit(body.trim());
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="sm" radius="sm" bg="yellow.0">
      <form onSubmit={submit} noValidate data-testid="comment-form">
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('comments.quote')}
          </Text>
          <Text size="sm" className="bt-quote" data-testid="comment-form-quote">
            {quote}
          </Text>
          <Textarea
            label={t('comments.text')}
            autosize
            minRows={2}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            lang="vi"
            data-autofocus
            autoFocus
          />
          {failure !== null ? <ErrorAlert error={failure} /> : null}
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={onCancel}>
              {t('comments.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={busy} disabled={!body.trim()} data-testid="comment-submit">
              {t('comments.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
