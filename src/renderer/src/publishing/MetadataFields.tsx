import { Box, Group, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CategoryPicker } from '../categories/CategoryPicker';
import type { EditorState } from '../../../shared/domain';
import { imageUrl } from '../editor/images/imageSource';
import { SLUG_MAX_LENGTH, slugify } from '../../../shared/slug';

/** What the site shows besides the text; all of it is signed with the text. */
export interface PublishMetadata {
  byline: string;
  category: string;
  tags: string[];
  slug: string;
  featuredImage: string | null;
}

interface ImageChoice {
  value: string;
  label: string;
}

/** The body's images, for the featured-image choice: a featured image is one of the article's own. */
export function imageChoices(body: EditorState | null): ImageChoice[] {
  const found: ImageChoice[] = [];
  const visit = (node: { type: string; hash?: unknown; altText?: unknown; caption?: unknown; children?: unknown }) => {
    if (node.type === 'image' && typeof node.hash === 'string' && !found.some((item) => item.value === node.hash)) {
      const name = [node.caption, node.altText].find((text) => typeof text === 'string' && text.trim() !== '');
      found.push({
        value: node.hash,
        label: `${found.length + 1}. ${(name as string | undefined) ?? node.hash.slice(0, 12)}`,
      });
    }
    if (Array.isArray(node.children)) for (const child of node.children) visit(child as typeof node);
  };
  if (body) visit(body.root as unknown as Parameters<typeof visit>[0]);
  return found;
}

/** A photo of the article, small, for choosing among them; a grey square until its bytes arrive. */
function Thumbnail({ hash, size }: { hash: string; size: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    imageUrl(hash).then(
      (url) => live && setSrc(url),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hash]);
  return src ? (
    <img
      src={src}
      alt=""
      width={Math.round(size * 1.5)}
      height={size}
      style={{ objectFit: 'cover', borderRadius: 2 }}
      data-testid="featured-thumbnail"
    />
  ) : (
    <Box w={Math.round(size * 1.5)} h={size} bg="gray.2" style={{ borderRadius: 2 }} />
  );
}

export function MetadataFields({
  initial,
  title,
  readBody,
  onChange,
  onBlur,
}: {
  initial: PublishMetadata;
  /** The title as typed now: until the author sets an address, the address follows it. */
  title: string;
  /** The editor's current body, read when the featured-image list opens. */
  readBody: () => EditorState | null;
  onChange: (meta: PublishMetadata) => void;
  onBlur: () => void;
}) {
  const { t } = useTranslation();
  const [meta, setMeta] = useState(initial);
  const [choices, setChoices] = useState<ImageChoice[]>(() => imageChoices(readBody()));
  const update = (patch: Partial<PublishMetadata>) => {
    const next = { ...meta, ...patch };
    setMeta(next);
    onChange(next);
  };
  const bodyReader = useRef(readBody);
  bodyReader.current = readBody;
  useEffect(() => {
    // Opened from a reload, the editor may fill its body after these fields: read the photos again then.
    const frame = requestAnimationFrame(() => setChoices(imageChoices(bodyReader.current())));
    return () => cancelAnimationFrame(frame);
  }, []);
  const withCurrent =
    meta.featuredImage && !choices.some((choice) => choice.value === meta.featuredImage)
      ? [...choices, { value: meta.featuredImage, label: t('publishing.featuredImageChosen') }]
      : choices;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" data-testid="publish-metadata">
      <CategoryPicker value={meta.category} onChange={(category) => update({ category })} onBlur={onBlur} />
      <TextInput
        label={t('publishing.byline')}
        description={t('publishing.bylineHint')}
        value={meta.byline}
        maxLength={200}
        onChange={(event) => update({ byline: event.currentTarget.value })}
        onBlur={onBlur}
        data-testid="meta-byline"
        lang="vi"
      />
      <TagsInput
        label={t('publishing.tags')}
        value={meta.tags}
        maxTags={50}
        onChange={(tags) =>
          update({
            tags: tags
              .map((tag) => tag.trim())
              .filter(Boolean)
              .slice(0, 50),
          })
        }
        onBlur={onBlur}
        data-testid="meta-tags"
      />
      <TextInput
        label={t('publishing.slug')}
        description={meta.slug === '' ? t('publishing.slugAuto') : t('publishing.slugHint')}
        // Left empty, the address is made from the title when the article is sent for review
        // (unique among the office's articles); shown here as it will be, and stored once edited.
        value={meta.slug === '' && title.trim() !== '' ? slugify(title) : meta.slug}
        data-auto={meta.slug === '' || undefined}
        maxLength={SLUG_MAX_LENGTH}
        onChange={(event) => update({ slug: event.currentTarget.value })}
        onBlur={() => {
          // Whatever was typed becomes a valid address: Vietnamese letters lose their marks, spaces become dashes.
          if (meta.slug !== '' && slugify(meta.slug) !== meta.slug) update({ slug: slugify(meta.slug) });
          onBlur();
        }}
        data-testid="meta-slug"
      />
      <Select
        label={t('publishing.featuredImage')}
        placeholder={t('publishing.noFeaturedImage')}
        data={withCurrent}
        value={meta.featuredImage}
        clearable
        onDropdownOpen={() => setChoices(imageChoices(readBody()))}
        leftSection={meta.featuredImage ? <Thumbnail hash={meta.featuredImage} size={24} /> : null}
        leftSectionWidth={meta.featuredImage ? 36 : undefined}
        renderOption={({ option }) => (
          <Group gap="sm" wrap="nowrap">
            <Thumbnail hash={option.value} size={40} />
            <span>{option.label}</span>
          </Group>
        )}
        onChange={(value) => {
          update({ featuredImage: value });
          onBlur();
        }}
        data-testid="meta-featured-image"
      />
    </SimpleGrid>
  );
}

/** The slug as the core accepts it: empty, or already a valid slug. */
export function slugForSave(slug: string): string {
  return slug === '' ? '' : slugify(slug);
}
