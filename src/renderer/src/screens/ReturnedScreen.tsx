import { Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { ReviewedArticleSummary } from '../../../shared/review';
import { QueueScreen } from './QueueScreen';

/** For authors: their articles that came back with changes requested, with the reviewer's note. */
export function ReturnedScreen(props: { items: ReviewedArticleSummary[] | null; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  return (
    <QueueScreen
      kind="returned"
      {...props}
      extra={{ header: t('returned.note'), cell: (item) => <ReturnNote articleId={item.id} /> }}
    />
  );
}

/** The reviewer's note that sent the article back: the latest "changes requested" in its log. */
function ReturnNote({ articleId }: { articleId: string }) {
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    call('workflow.history', { articleId }).then(
      ({ items }) => {
        const last = items.filter((event) => event.kind === 'changes_requested').at(-1);
        if (current) setNote(last ? `${last.note} — ${last.actorName}` : '');
      },
      () => current && setNote(''),
    );
    return () => {
      current = false;
    };
  }, [articleId]);
  return (
    <Text size="sm" lineClamp={2} maw={320} data-testid="returned-note">
      {note ?? '…'}
    </Text>
  );
}
