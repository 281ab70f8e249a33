import {
  Alert,
  Box,
  Button,
  Center,
  Fieldset,
  Grid,
  Group,
  Input,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { LexicalEditor } from 'lexical';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS, type ArticleStatus, type EditorState } from '../../../shared/domain';
import { stripUnsafeCharacters } from '../../../shared/text';
import type { ArticleForCaller, EditAccess } from '../../../shared/review';
import { call, isApiError } from '../api';
import type { AutosaveStatus } from '../autosave/AutosaveController';
import { useAutosave } from '../autosave/useAutosave';
import { ErrorAlert } from '../components/ErrorAlert';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { SaveStatus } from '../components/SaveStatus';
import { StatusBadge } from '../components/StatusBadge';
import { BodyEditor } from '../editor/BodyEditor';
import { PageOfferDialog } from '../editor/paste/PageOfferDialog';
import type { PageOffer } from '../editor/paste/sourcePaste';
import { notifyDone } from '../components/notify';
import { cleanStrings } from '../../../shared/cleanStrings';
import { errorMessage } from '../i18n';
import { MetadataFields, slugForSave, type PublishMetadata } from '../publishing/MetadataFields';
import { ArticleSidePanel } from '../review/ArticleSidePanel';
import { writeMetaChanges, type ContentMeta } from '../../../shared/collab/meta';
import { FROM_CORE, type LiveSession, type LiveSyncResult } from '../../../shared/collab/session';
import { openLive, useLiveUpdates } from '../collab/live';

interface Snapshot extends Partial<PublishMetadata> {
  title: string;
  summary: string;
  body: EditorState;
}

/** A live editor sends what was typed this soon after a pause, and at least this often while typing goes on. */
const LIVE_DEBOUNCE_MS = 100;
const LIVE_MAX_WAIT_MS = 400;

/** Failures that another attempt with the same session cannot fix: retrying could only do harm. */
const STOP_CODES = new Set(['CONFLICT', 'NOT_FOUND', 'FORBIDDEN']);

export function EditorScreen({
  id,
  onBack,
  onOpenSlip,
}: {
  id: string;
  onBack: () => void;
  onOpenSlip: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState<{ article: ArticleForCaller; live: LiveSession | null } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Bumped when the stored body changed under the editor (a restored revision): the editor starts again from it.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setOpened(null);
    setFailure(null);
    // On an office workstation the editor opens bound to the article's shared document.
    Promise.all([call('articles.get', { id }), openLive(id)]).then(
      ([article, live]) => current && setOpened({ article, live }),
      (error: unknown) => current && setFailure(error),
    );
    return () => {
      current = false;
    };
  }, [id, generation]);

  if (failure !== null) {
    return (
      <Stack>
        <BackButton onClick={onBack} />
        <ErrorAlert error={failure} />
      </Stack>
    );
  }
  if (opened === null) {
    return (
      <Center py="xl">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  const { article, live } = opened;
  return (
    <ArticleEditor
      key={`${article.id}:${article.version}`}
      article={article}
      live={live}
      onBack={onBack}
      onOpenSlip={() => onOpenSlip(article.id)}
      onReload={() => setGeneration((n) => n + 1)}
    />
  );
}

function BackButton({ onClick, loading }: { onClick: () => void; loading?: boolean }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" onClick={onClick} loading={loading} px="xs" data-testid="editor-back">
      ← {t('editor.back')}
    </Button>
  );
}

interface EditorProps {
  article: ArticleForCaller;
  /** The article's shared document on an office workstation; null: saved with articles.save. */
  live: LiveSession | null;
  onBack: () => void;
  onOpenSlip: () => void;
  onReload: () => void;
}

function ArticleEditor({ article: stored, live, onBack, onOpenSlip, onReload }: EditorProps) {
  const { t } = useTranslation();
  // Text stored before the core refused control characters may still hold some; they are dropped
  // here, or the reporter's first save would be refused.
  const [article] = useState(() => cleanStrings(stored));
  const bodyLabelId = useId();
  const [title, setTitle] = useState(article.title);
  const [summary, setSummary] = useState(article.summary);
  // Refs hold what a save reads: the autosave snapshot must not depend on React having re-rendered.
  const titleRef = useRef(article.title);
  const summaryRef = useRef(article.summary);
  const versionRef = useRef(article.version);
  const metaRef = useRef<PublishMetadata>({
    byline: article.byline,
    category: article.category,
    tags: article.tags,
    slug: article.slug,
    featuredImage: article.featuredImage,
  });
  // Only what was changed here is sent: the core may have set a field since this editor opened (the
  // page address is fixed on submission), and an untouched field must not carry the old value back.
  // A field that held refused characters counts as changed, so the next save stores it clean.
  const touchedMeta = useRef(
    new Set((Object.keys(metaRef.current) as (keyof PublishMetadata)[]).filter((key) => article[key] !== stored[key])),
  );
  const changedMetadata = (): Partial<PublishMetadata> => {
    const changed: Partial<PublishMetadata> = {};
    for (const key of touchedMeta.current) Object.assign(changed, { [key]: metaRef.current[key] });
    if (changed.slug !== undefined) changed.slug = slugForSave(changed.slug);
    return changed;
  };
  const editorRef = useRef<LexicalEditor | null>(null);
  // The workflow moves on without the body changing (submit, approve…); the panel reports it here.
  const [articleStatus, setArticleStatus] = useState(article.status);
  // The core says whether this person may change the text now; the review panel passes on each change.
  const [access, setAccess] = useState<EditAccess>(stored.editing);
  const [canRetract, setCanRetract] = useState(stored.actions.includes('retract'));
  // A signed article opens read-only; "Sửa bài" after a warning opens it, and the first save voids the sign-off.
  const [unlocked, setUnlocked] = useState(false);
  const [confirmEdit, setConfirmEdit] = useState(false);
  const readOnly = access === 'locked' || (access === 'voidsApproval' && !unlocked);
  const onAccess = useCallback((current: ArticleForCaller) => {
    setAccess(current.editing);
    setCanRetract(current.actions.includes('retract'));
    // Signed again while open here: the next edit needs the warning again.
    if (current.editing !== 'voidsApproval') setUnlocked(false);
  }, []);

  const { controller, status } = useAutosave<Snapshot | null>(() => ({
    // Live, the edits are already in the shared document (written as they are made): a save sends
    // them, sooner than an article saved whole, so the other screens show them within a second.
    ...(live ? { debounceMs: LIVE_DEBOUNCE_MS, maxWaitMs: LIVE_MAX_WAIT_MS } : {}),
    take: () =>
      live
        ? null
        : {
            title: titleRef.current,
            summary: summaryRef.current,
            // Captions are typed outside the editor's text transforms: the state is cleaned on its way out.
            body: editorRef.current
              ? cleanStrings(editorRef.current.getEditorState().toJSON() as unknown as EditorState)
              : article.body,
            ...changedMetadata(),
          },
    write: async (snapshot) => {
      if (!snapshot) {
        onLiveResult(await live!.sync());
        return;
      }
      const result = await call('articles.save', { id: article.id, baseVersion: versionRef.current, ...snapshot });
      versionRef.current = result.version;
      // An edit to approved text voids the approval in the core; the status shown follows at once.
      setArticleStatus(result.status);
    },
    isFatal: (error) => isApiError(error) && STOP_CODES.has(error.code),
  }));

  const markChanged = useCallback(() => controller.markChanged(), [controller]);
  const flush = useCallback(() => void controller.flush(), [controller]);

  // Live: every change made here (the body's, the fields', an undo) is in the document at once and
  // waits there to be sent; changes from elsewhere move the version, the status and the fields shown.
  useEffect(() => {
    if (!live) return;
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_CORE) controller.markChanged();
    };
    live.doc.on('update', onUpdate);
    return () => live.doc.off('update', onUpdate);
  }, [live, controller]);
  // Who else has the article open, here or on another workstation.
  const [viewers, setViewers] = useState<string[]>([]);
  const onLiveResult = useCallback((result: LiveSyncResult) => {
    versionRef.current = result.version;
    setArticleStatus(result.status as ArticleStatus);
    setViewers((shown) => (shown.join('\n') === result.viewers.join('\n') ? shown : result.viewers));
  }, []);
  // Bumped when another workstation changed the fields below the summary: they are shown afresh.
  const [metaShown, setMetaShown] = useState(0);
  const onLiveFields = useCallback((fields: ContentMeta) => {
    if (fields.title !== titleRef.current) setTitle((titleRef.current = fields.title));
    if (fields.summary !== summaryRef.current) setSummary((summaryRef.current = fields.summary));
    const { title: _title, summary: _summary, ...meta } = fields;
    const shown = metaRef.current;
    const same = (Object.keys(meta) as (keyof PublishMetadata)[]).every(
      (key) => JSON.stringify(meta[key]) === JSON.stringify(shown[key]),
    );
    if (same) return;
    metaRef.current = meta;
    setMetaShown((n) => n + 1);
  }, []);
  useLiveUpdates(live, onLiveResult, onLiveFields);
  /** Live, a field typed here goes into the document as the letters that changed. */
  const writeFields = (fields: Partial<ContentMeta>) => {
    if (live) writeMetaChanges(live.doc, fields);
    else markChanged();
  };

  const [leaving, setLeaving] = useState(false);
  const [confirmLeave, setConfirmLeave] = useState(false);
  async function back() {
    setLeaving(true);
    const saved = await controller.flush();
    setLeaving(false);
    if (saved) onBack();
    else setConfirmLeave(true);
  }

  const bodyRootRef = useRef<HTMLDivElement | null>(null);
  // A pasted portal page waits here for the reporter to say where its parts go.
  const [pageOffer, setPageOffer] = useState<PageOffer | null>(null);
  const placePageFields = (fields: { title: string; summary: string; byline: string }) => {
    setTitle((titleRef.current = fields.title));
    if (fields.summary !== '') setSummary((summaryRef.current = fields.summary));
    const changed: Partial<ContentMeta> = {
      title: fields.title,
      ...(fields.summary ? { summary: fields.summary } : {}),
    };
    if (fields.byline !== '' && fields.byline !== metaRef.current.byline) {
      metaRef.current = { ...metaRef.current, byline: fields.byline };
      touchedMeta.current.add('byline');
      changed.byline = fields.byline;
      setMetaShown((n) => n + 1);
    }
    writeFields(changed);
    notifyDone(t('paste.placed'));
  };

  useEffect(() => {
    editorRef.current?.setEditable(!readOnly);
  }, [readOnly]);

  return (
    <Grid gap="lg" data-testid="editor-screen">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="md" data-testid="editor">
          <Group justify="space-between" wrap="wrap">
            <BackButton onClick={() => void back()} loading={leaving} />
            <Group gap="sm">
              {viewers.length > 0 ? (
                <Text size="sm" c="dimmed" data-testid="editor-viewers">
                  {t('office.viewers', { names: viewers.join(', ') })}
                </Text>
              ) : null}
              <StatusBadge status={articleStatus} testId="editor-status" />
              <SaveStatus state={status.state} />
            </Group>
          </Group>

          <SaveProblem status={status} onRetry={flush} />
          <EditNotice access={access} readOnly={readOnly} canRetract={canRetract} onEdit={() => setConfirmEdit(true)} />

          <TextInput
            label={t('editor.title')}
            placeholder={t('editor.titlePlaceholder')}
            size="lg"
            data-testid="editor-title"
            maxLength={LIMITS.title}
            value={title}
            readOnly={readOnly}
            onChange={(event) => {
              titleRef.current = stripUnsafeCharacters(event.currentTarget.value);
              setTitle(titleRef.current);
              writeFields({ title: titleRef.current });
            }}
            onBlur={flush}
            lang="vi"
          />
          <Textarea
            label={t('editor.summary')}
            placeholder={t('editor.summaryPlaceholder')}
            autosize
            minRows={2}
            maxRows={8}
            maxLength={LIMITS.summary}
            data-testid="editor-summary"
            value={summary}
            readOnly={readOnly}
            onChange={(event) => {
              summaryRef.current = stripUnsafeCharacters(event.currentTarget.value);
              setSummary(summaryRef.current);
              writeFields({ summary: summaryRef.current });
            }}
            onBlur={flush}
            lang="vi"
          />
          <Stack gap={4}>
            <Input.Label id={bodyLabelId} onClick={() => editorRef.current?.focus()}>
              {t('editor.body')}
            </Input.Label>
            <ErrorBoundary fallback={(error) => <ErrorAlert error={error} />}>
              <Box ref={bodyRootRef} data-readonly={readOnly || undefined} data-testid="editor-body-root">
                <BodyEditor
                  body={article.body}
                  editorRef={editorRef}
                  labelledBy={bodyLabelId}
                  onChange={markChanged}
                  onLeave={flush}
                  live={live}
                  onPageOffer={setPageOffer}
                />
              </Box>
            </ErrorBoundary>
          </Stack>

          {/* Below the text: on a laptop screen the article opens on its title and body, not on forms. */}
          <Fieldset legend={t('publishing.metadata')} variant="filled" disabled={readOnly}>
            <MetadataFields
              key={metaShown}
              initial={metaRef.current}
              title={title}
              // Before the editor is built (the first render) the stored body names the images.
              readBody={() =>
                editorRef.current
                  ? (editorRef.current.getEditorState().toJSON() as unknown as EditorState)
                  : article.body
              }
              onChange={(typed) => {
                const meta = cleanStrings(typed);
                const changed = (Object.keys(meta) as (keyof PublishMetadata)[]).filter(
                  (key) => meta[key] !== metaRef.current[key],
                );
                for (const key of changed) touchedMeta.current.add(key);
                metaRef.current = meta;
                if (!live) {
                  markChanged();
                  return;
                }
                // Live, only the field just changed goes into the document: another field changed
                // elsewhere since must not be written back with the value this screen last had.
                const fields: Partial<PublishMetadata> = {};
                for (const key of changed) Object.assign(fields, { [key]: meta[key] });
                if (fields.slug !== undefined) fields.slug = slugForSave(fields.slug);
                writeMetaChanges(live.doc, fields);
              }}
              onBlur={flush}
            />
          </Fieldset>

          <PageOfferDialog
            offer={pageOffer}
            current={{ title, summary, byline: metaRef.current.byline }}
            onPlace={placePageFields}
            onClose={() => setPageOffer(null)}
          />

          <Modal
            opened={confirmEdit}
            onClose={() => setConfirmEdit(false)}
            title={t('editor.editTitle')}
            centered
            data-testid="edit-confirm-dialog"
          >
            <Stack>
              <Text size="sm">{t('editor.editBody')}</Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setConfirmEdit(false)}>
                  {t('editor.editCancel')}
                </Button>
                <Button
                  color="orange"
                  data-testid="edit-confirm"
                  onClick={() => {
                    setUnlocked(true);
                    setConfirmEdit(false);
                  }}
                >
                  {t('editor.editConfirm')}
                </Button>
              </Group>
            </Stack>
          </Modal>

          <Modal opened={confirmLeave} onClose={() => setConfirmLeave(false)} title={t('save.leaveTitle')} centered>
            <Stack>
              <Text size="sm">{t('save.leaveBody')}</Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setConfirmLeave(false)}>
                  {t('save.stay')}
                </Button>
                <Button color="red" onClick={onBack}>
                  {t('save.leave')}
                </Button>
              </Group>
            </Stack>
          </Modal>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <ArticleSidePanel
          article={article}
          bodyRoot={bodyRootRef}
          editorRef={editorRef}
          saveNow={() => controller.flush()}
          currentVersion={() => versionRef.current}
          adoptVersion={(version) => {
            versionRef.current = Math.max(versionRef.current, version);
          }}
          onOpenSlip={onOpenSlip}
          onReload={onReload}
          onStatus={setArticleStatus}
          onAccess={onAccess}
        />
      </Grid.Col>
    </Grid>
  );
}

/** Why the text cannot be typed into now, and for a signed article the way to edit it anyway. */
function EditNotice({
  access,
  readOnly,
  canRetract,
  onEdit,
}: {
  access: EditAccess;
  readOnly: boolean;
  canRetract: boolean;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  if (!readOnly) return null;
  if (access === 'voidsApproval') {
    return (
      <Alert color="teal" variant="light" data-testid="editor-readonly">
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm">{t('editor.signedReadOnly')}</Text>
          <Button size="xs" variant="light" color="orange" onClick={onEdit} data-testid="editor-edit">
            {t('editor.edit')}
          </Button>
        </Group>
      </Alert>
    );
  }
  return (
    <Alert color="gray" variant="light" data-testid="editor-readonly">
      <Text size="sm">{canRetract ? t('editor.inReviewLocked') : t('editor.readOnly')}</Text>
    </Alert>
  );
}

/** Says why the latest text is not saved and what happens next. */
function SaveProblem({ status, onRetry }: { status: AutosaveStatus; onRetry: () => void }) {
  const { t } = useTranslation();
  const seconds = useSecondsUntil(status.retryAt);
  if (status.error === null || (status.state !== 'error' && !status.stopped)) return null;
  return (
    <Alert color="red" variant="light" role="alert" title={t('save.error')}>
      <Stack gap="xs">
        <Text size="sm">{errorMessage(t, status.error)}</Text>
        {status.stopped ? (
          <Text size="sm" fw={500}>
            {isApiError(status.error) && status.error.code === 'CONFLICT' ? t('save.conflict') : t('save.stopped')}
          </Text>
        ) : (
          <Group gap="sm">
            {seconds !== null ? <Text size="sm">{t('save.retrying', { seconds })}</Text> : null}
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('save.retryNow')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

function useSecondsUntil(at: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (at === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [at]);
  return at === null ? null : Math.max(0, Math.ceil((at - now) / 1_000));
}
