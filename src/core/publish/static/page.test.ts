import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../testkit';
import { createStaticAdapter } from './adapter';
import { SCRIPT, STYLESHEET } from './assets';
import { relativeHref } from './layout';
import { pageCountScript, renderPager, type PagerPlace } from './pager';
import { renderPortalPage, type PortalArticle } from './page';
import { samplePayload, validationErrors } from './testSite';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function sampleArticle(): Promise<PortalArticle> {
  const { payload } = await samplePayload();
  const image = payload.images[0]!;
  return {
    title: payload.title,
    summary: payload.summary,
    html: payload.html,
    byline: payload.byline,
    publishedAt: payload.publishedAt,
    featuredImage: { hash: image.hash, width: image.width, height: image.height, alt: image.alt },
  };
}

describe('renderPortalPage', () => {
  it('is exactly what the static site writes for the page', async () => {
    const folder = tempDir('bientap-site-');
    folders.push(folder);
    const { payload } = await samplePayload();
    const ref = await createStaticAdapter({ folder, siteTitle: 'Trang tin Huế' }).publish(payload, null, {});
    const expected = renderPortalPage(await sampleArticle(), {
      siteTitle: 'Trang tin Huế',
      imageUrl: (hash) => `../images/${hash}.jpg`,
      stylesheet: { href: '../assets/site.css' },
      scriptHref: '../assets/site.js',
      homeHref: '../index.html',
      feedHref: '../feed.xml',
    });
    expect(readFileSync(path.join(folder, ref.url), 'utf8')).toBe(expected);
  });

  it('renders an inert preview with the stylesheet inline and the caller’s image URLs', async () => {
    const article = await sampleArticle();
    const html = renderPortalPage(article, {
      siteTitle: 'Trang tin Huế',
      imageUrl: (hash) => `bientap-media://images/${hash}`,
      stylesheet: { inline: STYLESHEET },
    });
    expect(await validationErrors(html, 'preview.html')).toEqual([]);
    const document = new JSDOM(html).window.document;
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('style')?.textContent).toBe(STYLESHEET);
    expect(document.querySelector('link[rel="stylesheet"]')).toBeNull();
    expect(document.querySelector('.noi-dung img')?.getAttribute('src')).toBe(
      `bientap-media://images/${article.featuredImage?.hash}`,
    );
    // Shown as the reader will see them, though nothing runs in a preview.
    expect(document.querySelector<HTMLElement>('.co-chu')?.hidden).toBe(false);
    expect(document.querySelector<HTMLElement>('.doc-bai')?.hidden).toBe(false);
    expect(document.querySelector('.ngay-dang')?.textContent).toBe('15/04/2021 10:51:38 SA');
    expect(document.querySelector('.bai-khac')).toBeNull();
  });

  it('shows the featured image when the body does not', async () => {
    const article = { ...(await sampleArticle()), html: '<p>Chỉ có chữ.</p>' };
    const document = new JSDOM(
      renderPortalPage(article, { siteTitle: 'T', imageUrl: (h) => `${h}.jpg`, stylesheet: { inline: '' } }),
    ).window.document;
    expect(document.querySelector('.anh-dai-dien img')?.getAttribute('src')).toBe(`${article.featuredImage?.hash}.jpg`);
  });

  it('escapes every text it places in the page', async () => {
    const article = {
      ...(await sampleArticle()),
      title: 'Tiêu đề <script>alert(1)</script> & "trích"',
      summary: '</p><img src=x onerror=alert(1)>',
      byline: '<b>Huỳnh Thị Ly</b>',
    };
    const html = renderPortalPage(article, {
      siteTitle: '"><script>x()</script>',
      imageUrl: (hash) => `"${hash}`,
      stylesheet: { inline: 'p{}</style><script>x()</script>' },
    });
    const document = new JSDOM(html).window.document;
    expect(document.querySelectorAll('script')).toHaveLength(0);
    expect(document.querySelector('h1')?.textContent).toBe(article.title);
    expect(document.querySelector('.sapo')?.textContent).toBe(article.summary);
    expect(document.querySelector('.tac-gia')?.textContent).toBe(article.byline);
    expect(document.querySelector('.noi-dung img')?.getAttribute('src')).toBe(`"${article.featuredImage?.hash}`);
  });
});

describe('the pager', () => {
  /** The pager of a page at `place` among `archivePages` archive pages, after the site's script numbered it. */
  function numbered(place: PagerPlace, archivePages: number) {
    const here = place === 'front' ? 'index.html' : place === 'article' ? 'bai-viet/bai.html' : `trang/${place}.html`;
    const html = String(renderPager(place, archivePages, (to) => relativeHref(here, to)));
    const { window } = new JSDOM(`<body>${html.replace(/<script[^>]*><\/script>/, '')}</body>`, {
      runScripts: 'outside-only',
    });
    const staticLinks = Array.from(window.document.querySelectorAll('nav a'), (a) => a.getAttribute('href'));
    window.eval(pageCountScript(archivePages));
    window.eval(SCRIPT);
    const nav = window.document.querySelector('nav')!;
    return {
      staticLinks,
      texts: Array.from(nav.querySelectorAll('a, span'), (element) => element.textContent),
      links: Array.from(nav.querySelectorAll('a'), (a) => [a.textContent, a.getAttribute('href')]),
      current: nav.querySelector('[aria-current="page"]')?.textContent ?? null,
    };
  }

  it('writes only links that stay true as the archive grows, and loads the page count', () => {
    const html = String(renderPager(4, 9, (to) => relativeHref('trang/4.html', to)));
    expect(html).toContain('<script src="../assets/so-trang.js"></script>');
    expect(numbered(4, 9).staticLinks).toEqual(['../index.html', '5.html', '3.html', '1.html']);
    // The newest archive page links back to the front page, the oldest has nothing older.
    expect(numbered(9, 9).staticLinks).toEqual(['../index.html', '../index.html', '8.html', '1.html']);
    expect(numbered(1, 9).staticLinks).toEqual(['../index.html', '2.html']);
    expect(numbered('front', 9).staticLinks).toEqual(['trang/9.html', 'trang/1.html']);
    expect(numbered('article', 9).staticLinks).toEqual([]);
  });

  it('is numbered by the script as readers count pages: 1 is the front page, then newest to oldest', () => {
    // Nine archive pages and the front page: ten pages; trang/4.html is the seventh from the front.
    const middle = numbered(4, 9);
    expect(middle.texts).toEqual(['«', '‹', '5', '6', '7', '8', '9', '›', '»']);
    expect(middle.current).toBe('7');
    expect(middle.links.find(([text]) => text === '6')?.[1]).toBe('../trang/5.html');
    expect(middle.links.find(([text]) => text === '»')?.[1]).toBe('../trang/1.html');
    const front = numbered('front', 9);
    expect(front.texts).toEqual(['1', '2', '3', '4', '5', '›', '»']);
    expect(front.links.find(([text]) => text === '2')?.[1]).toBe('trang/9.html');
    // An article page links the first pages only.
    const article = numbered('article', 9);
    expect(article.links).toEqual([
      ['1', '../index.html'],
      ['2', '../trang/9.html'],
      ['3', '../trang/8.html'],
      ['4', '../trang/7.html'],
      ['5', '../trang/6.html'],
    ]);
    // Everything on the front page: no pager at all.
    expect(numbered('article', 0).texts).toEqual([]);
  });
});

interface FakeVoice {
  name: string;
  lang: string;
}

interface Utterance {
  text: string;
  lang: string;
  voice: FakeVoice | null;
  onend: (() => void) | null;
}

/** A page from the renderer with the site script run against a browser speech engine holding `voices`. */
async function livePage(options: { voices: FakeVoice[] | null }) {
  const article = await sampleArticle();
  const html = renderPortalPage(article, {
    siteTitle: 'Trang tin Huế',
    imageUrl: (hash) => `../images/${hash}.jpg`,
    stylesheet: { href: '../assets/site.css' },
    scriptHref: '../assets/site.js',
  });
  const dom = new JSDOM(html, { runScripts: 'outside-only', url: 'https://tin.hue.test/bai-viet/mau.html' });
  const window = dom.window;
  const spoken: Utterance[] = [];
  let cancelled = 0;
  const engine = Object.assign(new window.EventTarget(), {
    voices: options.voices ?? [],
    getVoices() {
      return engine.voices;
    },
    speak(utterance: Utterance) {
      spoken.push(utterance);
    },
    cancel() {
      cancelled++;
    },
  });
  if (options.voices) {
    Object.assign(window, {
      speechSynthesis: engine,
      SpeechSynthesisUtterance: class {
        lang = '';
        voice: FakeVoice | null = null;
        onend: (() => void) | null = null;
        constructor(readonly text: string) {}
      },
    });
  }
  window.eval(SCRIPT);
  const document = window.document;
  const readControl = document.querySelector<HTMLElement>('.doc-bai')!;
  return {
    article,
    document,
    window,
    engine,
    spoken,
    cancelled: () => cancelled,
    readControl,
    readButton: readControl.querySelector('button')!,
    setVoices(voices: FakeVoice[]) {
      engine.voices = voices;
      engine.dispatchEvent(new window.Event('voiceschanged'));
    },
  };
}

describe('the read-aloud control', () => {
  const vietnamese = { name: 'Tiếng Việt', lang: 'vi-VN' };
  const english = { name: 'English', lang: 'en-US' };

  it('stays hidden without a Vietnamese voice and appears when one loads', async () => {
    const page = await livePage({ voices: [english] });
    expect(page.readControl.hidden).toBe(true);
    page.setVoices([english, vietnamese]);
    expect(page.readControl.hidden).toBe(false);
    page.setVoices([english]);
    expect(page.readControl.hidden).toBe(true);
  });

  it('stays hidden in a browser without speech synthesis', async () => {
    const page = await livePage({ voices: null });
    expect(page.readControl.hidden).toBe(true);
    expect(page.document.querySelector<HTMLElement>('.co-chu')?.hidden).toBe(false);
  });

  it('reads title, sapo, body and byline in short pieces with the Vietnamese voice, and stops', async () => {
    const plain = { name: 'Tiếng Việt (vi)', lang: 'vi' };
    const page = await livePage({ voices: [english, plain, vietnamese] });
    expect(page.readControl.hidden).toBe(false);
    page.readButton.click();
    expect(page.readButton.getAttribute('aria-pressed')).toBe('true');
    expect(page.spoken.length).toBeGreaterThan(10);
    for (const utterance of page.spoken) {
      expect(utterance.voice).toBe(vietnamese);
      expect(utterance.lang).toBe('vi-VN');
      expect(utterance.text.length).toBeLessThanOrEqual(220);
    }
    const heard = page.spoken.map((utterance) => utterance.text).join(' ');
    expect(heard.startsWith(page.article.title)).toBe(true);
    expect(heard).toContain('Tổ quốcvào dịp 19/8');
    expect(heard.endsWith('Huỳnh Thị Ly (Phòng Văn hóa & Thông tin TP Huế)')).toBe(true);
    // Nothing is lost between pieces: the same words, only split.
    const words = (text: string) => text.replace(/\s+/g, ' ').trim();
    expect(words(heard)).toContain(words(page.document.querySelector('.noi-dung p')?.textContent ?? ''));

    const before = page.cancelled();
    page.readButton.click();
    expect(page.cancelled()).toBe(before + 1);
    expect(page.readButton.getAttribute('aria-pressed')).toBe('false');

    // The end of a cancelled reading must not mark the next one finished; its own end does.
    const cancelledLast = page.spoken.at(-1)!;
    page.readButton.click();
    const currentLast = page.spoken.at(-1)!;
    expect(currentLast).not.toBe(cancelledLast);
    cancelledLast.onend?.();
    expect(page.readButton.getAttribute('aria-pressed')).toBe('true');
    currentLast.onend?.();
    expect(page.readButton.getAttribute('aria-pressed')).toBe('false');
    expect(page.readButton.textContent).toBe('Nghe');
  });

  it('accepts a voice tagged the Android way (vi_VN)', async () => {
    const page = await livePage({ voices: [{ name: 'Giọng Android', lang: 'vi_VN' }] });
    expect(page.readControl.hidden).toBe(false);
  });
});

describe('the font-size control', () => {
  it('steps the article text size within bounds and remembers it', async () => {
    const page = await livePage({ voices: null });
    const article = page.document.querySelector('.bai-viet')!;
    const button = (label: string) =>
      Array.from(page.document.querySelectorAll<HTMLButtonElement>('.co-chu button')).find(
        (b) => b.textContent === label,
      )!;
    expect(article.getAttribute('data-co-chu')).toBe('0');
    button('A+').click();
    button('A+').click();
    expect(article.getAttribute('data-co-chu')).toBe('2');
    expect(page.window.localStorage.getItem('bientap-co-chu')).toBe('2');
    for (let i = 0; i < 10; i++) button('A-').click();
    expect(article.getAttribute('data-co-chu')).toBe('-2');
    button('A').click();
    expect(article.getAttribute('data-co-chu')).toBe('0');
    // Every step the script can set has a rule in the stylesheet (0 is the default size).
    for (const step of ['-2', '-1', '1', '2']) expect(STYLESHEET).toContain(`[data-co-chu='${step}']`);
  });
});
