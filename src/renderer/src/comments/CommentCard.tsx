import { Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { CommentThread } from '../../../shared/review';
import { call } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { useCan } from '../components/me';
import { selectByOffsets } from './selection';
import './comments.css';
import { notifyDone } from '../components/notify';

interface Props {
  thread: CommentThread;
  bodyRoot: RefObject<HTMLDivElement | null>;
  onChange: (thread: CommentThread) => void;
}

/** One comment with its quoted text, its replies, and reply / resolve for those who may comment. */
export function CommentCard({ thread, bodyRoot, onChange }: Props) {
  const { t } = useTranslation();
  const can = useCan();
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState<'reply' | 'resolve' | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function run(kind: 'reply' | 'resolve', action: () => Promise<CommentThread>) {
    setBusy(kind);
    setFailure(null);
    try {
      onChange(await action());
      notifyDone(t(kind === 'reply' ? 'comments.replied' : 'comments.resolvedDone'));
      setReply('');
      setReplying(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  }

  function sendReply(event: FormEvent) {
    event.preventDefault();
    if (!reply.trim()) return;
    void run('reply', () => call('comments.reply', { commentId: thread.id, body: reply.trim() }));
  }

  const position = thread.position;
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      data-testid="comment-thread"
      data-state={thread.resolved ? 'resolved' : thread.detached ? 'detached' : 'open'}
      style={{ opacity: thread.resolved ? 0.7 : 1 }}
    >
      <Stack gap={6}>
        {thread.anchor ? (
          <Text
            size="sm"
            className={thread.detached ? 'bt-quote bt-quote-detached' : 'bt-quote'}
            data-testid="comment-quote"
          >
            {thread.anchor.exact}
          </Text>
        ) : null}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="comment-body">
          {thread.body}
        </Text>
        <Text size="xs" c="dimmed">
          {thread.authorName} · {formatPortalDate(thread.at)}
        </Text>
        {thread.replies.map((item) => (
          <Stack key={item.id} gap={2} pl="sm" className="bt-reply" data-testid="comment-reply">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {item.body}
            </Text>
            <Text size="xs" c="dimmed">
              {item.authorName} · {formatPortalDate(item.at)}
            </Text>
          </Stack>
        ))}
        {thread.resolved ? (
          <Badge color="gray" variant="light" tt="none" radius="sm">
            {t('comments.resolved')}
            {thread.resolvedBy ? ` · ${thread.resolvedBy}` : ''}
          </Badge>
        ) : null}
        {failure !== null ? <ErrorAlert error={failure} /> : null}
        {replying ? (
          <form onSubmit={sendReply} noValidate>
            <Stack gap="xs">
              <Textarea
                aria-label={t('comments.replyText')}
                placeholder={t('comments.replyText')}
                autosize
                minRows={2}
                value={reply}
                onChange={(e) => setReply(e.currentTarget.value)}
                lang="vi"
                autoFocus
              />
              <Group justify="flex-end" gap="xs">
                <Button size="compact-xs" variant="default" onClick={() => setReplying(false)}>
                  {t('comments.cancel')}
                </Button>
                <Button size="compact-xs" type="submit" loading={busy === 'reply'} disabled={!reply.trim()}>
                  {t('comments.sendReply')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Group gap={4}>
            {position && bodyRoot.current ? (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => bodyRoot.current && selectByOffsets(bodyRoot.current, position.start, position.end)}
              >
                {t('comments.showInText')}
              </Button>
            ) : null}
            {can('article.comment') ? (
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setReplying(true)}
                data-testid="comment-reply-start"
              >
                {t('comments.reply')}
              </Button>
            ) : null}
            {can('article.comment') && !thread.resolved ? (
              <Button
                size="compact-xs"
                variant="subtle"
                color="teal"
                loading={busy === 'resolve'}
                onClick={() => void run('resolve', () => call('comments.resolve', { commentId: thread.id }))}
                data-testid="comment-resolve"
              >
                {t('comments.resolve')}
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
