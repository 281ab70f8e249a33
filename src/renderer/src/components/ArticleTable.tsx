import { Anchor, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPortalDate } from '../../../shared/date';
import type { ArticleSummary } from '../../../shared/domain';
import { StatusBadge } from './StatusBadge';

export interface ArticleTableProps {
  items: ArticleSummary[];
  label: string;
  onOpen: (id: string) => void;
  /** An extra last column (a note, a time), when the screen has one. */
  extra?: { header: string; cell: (item: ArticleSummary) => ReactNode };
}

/** The article table every list screen shares: title, status, author, last change, words. */
export function ArticleTable({ items, label, onOpen, extra }: ArticleTableProps) {
  const { t, i18n } = useTranslation();
  const numberFormat = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'vi-VN');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('list.columns.title')}</Table.Th>
            <Table.Th>{t('list.columns.status')}</Table.Th>
            <Table.Th>{t('list.columns.author')}</Table.Th>
            <Table.Th>{t('list.columns.updated')}</Table.Th>
            <Table.Th ta="right">{t('list.columns.words')}</Table.Th>
            {extra ? <Table.Th>{extra.header}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            // The whole row opens the article; the title button is the keyboard's way in.
            <Table.Tr
              key={item.id}
              data-testid="article-row"
              onClick={() => onOpen(item.id)}
              style={{ cursor: 'pointer' }}
            >
              <Table.Td>
                <Anchor
                  component="button"
                  type="button"
                  ta="left"
                  fw={500}
                  data-testid="article-row-title"
                  onClick={(event) => {
                    event.stopPropagation();
                    onOpen(item.id);
                  }}
                >
                  {item.title.trim() || t('list.untitled')}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} testId="article-row-status" />
              </Table.Td>
              <Table.Td data-testid="article-row-author">{item.authorName}</Table.Td>
              <Table.Td
                data-testid="article-row-updated"
                style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
              >
                {formatPortalDate(item.updatedAt)}
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {numberFormat.format(item.wordCount)}
              </Table.Td>
              {extra ? <Table.Td>{extra.cell(item)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
