import { Paper } from '@mantine/core';
import type { Article } from '../../../src/shared/domain';
import { createProofreader } from '../../../src/shared/proofread';
import { DEFAULT_HOUSE_STYLE, proofreadContract } from '../../../src/shared/proofreadApi';
import { ProofreadPanel } from '../../../src/renderer/src/proofread/ProofreadPanel';
import type { SidePanelProps } from '../../../src/renderer/src/review/ArticleSidePanel';
import '../../../src/renderer/src/review/sidePanel.css';
import { installBientap } from './bientapPage';

/** What the bench reads back: proof that the panel really had the text checked while keys were typed. */
export interface ProofStats {
  checks: number;
  /** Findings of the last check, and the blocks it was given. */
  findings: number;
  blocks: number;
  /** Time each check took on the page's main thread. */
  ms: number[];
}

declare global {
  interface Window {
    benchProof?: ProofStats;
  }
}

const stats: ProofStats = { checks: 0, findings: 0, blocks: 0, ms: [] };
window.benchProof = stats;

const ARTICLE_ID = '00000000-0000-4000-8000-000000000001';
// As the core's, with a fresh office: default house style, empty lexicon, no rule switched off;
// one proofreader for the article, so a re-check only re-runs the blocks whose text changed.
const proofreader = createProofreader({
  toneStyle: DEFAULT_HOUSE_STYLE.toneStyle,
  lexicon: [],
  disabledRules: DEFAULT_HOUSE_STYLE.disabledRules,
});
const checkContract = proofreadContract['proofread.check'];

function answer(method: string, input: unknown): unknown {
  switch (method) {
    case 'proofread.check': {
      // In the app the core checks in its own process; here the check takes the page's main thread,
      // so any key typed while it runs waits for it: a pessimistic stand-in.
      const { blocks } = checkContract.input.parse(input);
      const start = performance.now();
      const findings = proofreader.check(blocks ?? []);
      stats.ms.push(performance.now() - start);
      stats.checks += 1;
      stats.findings = findings.length;
      stats.blocks = blocks?.length ?? 0;
      return checkContract.output.parse({ findings });
    }
    case 'proofread.settings.get':
      return { ...DEFAULT_HOUSE_STYLE };
    case 'proofread.ignores.list':
    case 'proofread.lexicon.list':
      return { items: [] };
    default:
      return undefined;
  }
}

const noop = () => undefined;

await installBientap({
  answer,
  aside: (editorRef) => {
    const props: SidePanelProps = {
      article: { id: ARTICLE_ID } as Article,
      bodyRoot: { current: null },
      editorRef,
      saveNow: async () => true,
      currentVersion: () => 1,
      adoptVersion: noop,
      onOpenSlip: noop,
      onReload: noop,
      onStatus: noop,
    };
    // The side panel with its "Soát lỗi" tab open, as ArticleSidePanel shows it.
    return (
      <Paper withBorder p="sm" radius="sm" component="aside" className="bt-side-panel" data-testid="side-panel">
        <ProofreadPanel {...props} active />
      </Paper>
    );
  },
});
