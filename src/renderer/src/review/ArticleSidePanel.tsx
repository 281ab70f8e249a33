import { Paper, Tabs } from '@mantine/core';
import type { LexicalEditor } from 'lexical';
import { useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article, ArticleStatus } from '../../../shared/domain';
import type { ArticleForCaller } from '../../../shared/review';
import { CommentsPanel } from '../comments/CommentsPanel';
import { HistoryPanel } from '../history/HistoryPanel';
import { ProofreadPanel } from '../proofread/ProofreadPanel';
import { PublishPanel } from '../publishing/PublishPanel';
import { ReviewPanel } from './ReviewPanel';
import './sidePanel.css';

export interface SidePanelProps {
  article: Article;
  /** The element around the editor's text, where a reviewer's selection is read. */
  bodyRoot: RefObject<HTMLDivElement | null>;
  /** The body editor, for panels that read or change its text (proofreading). */
  editorRef: RefObject<LexicalEditor | null>;
  /** Saves what the editor holds now; false when it could not. */
  saveNow: () => Promise<boolean>;
  /** The stored version the editor's text is based on: what an approver has in front of them. */
  currentVersion: () => number;
  /** A transition stored a new version of the same text; later saves build on it. */
  adoptVersion: (version: number) => void;
  onOpenSlip: () => void;
  /** The stored body changed under the editor: load it again. */
  onReload: () => void;
  onStatus: (status: ArticleStatus) => void;
  /** The article as the core shows it to this person now, with what they may do and edit. */
  onAccess?: (article: ArticleForCaller) => void;
}

type PanelTab = 'review' | 'publish' | 'proofread' | 'comments' | 'history';

/** The editor's side panel: review and sign-off, proofreading, comments, revision history. */
export function ArticleSidePanel(props: SidePanelProps) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<PanelTab>('review');
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      component="aside"
      className="bt-side-panel"
      aria-label={t('panel.label')}
      data-testid="side-panel"
    >
      <Tabs value={tab} onChange={(value) => setTab((value as PanelTab | null) ?? 'review')}>
        <Tabs.List grow mb="sm" className="bt-side-panel-tabs">
          <Tabs.Tab value="review">{t('panel.review')}</Tabs.Tab>
          <Tabs.Tab value="publish">{t('panel.publish')}</Tabs.Tab>
          <Tabs.Tab value="proofread">{t('panel.proofread')}</Tabs.Tab>
          <Tabs.Tab value="comments">{t('panel.comments')}</Tabs.Tab>
          <Tabs.Tab value="history">{t('panel.history')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="review">
          <ReviewPanel {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="publish">
          {tab === 'publish' ? <PublishPanel articleId={props.article.id} saveNow={props.saveNow} /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="proofread">
          <ProofreadPanel {...props} active={tab === 'proofread'} />
        </Tabs.Panel>
        <Tabs.Panel value="comments">
          <CommentsPanel {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="history">
          <HistoryPanel {...props} />
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
