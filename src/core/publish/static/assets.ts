/**
 * The site's one stylesheet and one script, written to `assets/` beside the pages. Nothing comes
 * from anywhere else, so the folder works offline, from file:// and behind any web server.
 */

export const STYLESHEET = `:root {
  color-scheme: light;
  --chu: #1f2328;
  --nhat: #5b6470;
  --nhan: #a31f24;
  --vien: #d9dde3;
}
* { box-sizing: border-box; }
body {
  margin: 0;
  font-family: Arial, 'Helvetica Neue', 'Noto Sans', sans-serif;
  color: var(--chu);
  background: #fff;
  line-height: 1.55;
}
a { color: #0b4f8a; }
.dau-trang { background: var(--nhan); padding: 0.75rem 1rem; }
.dau-trang a { color: #fff; font-weight: bold; font-size: 1.25rem; text-decoration: none; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
.tieu-de { font-size: 1.6rem; line-height: 1.3; margin: 0.5rem 0; color: var(--nhan); }
.ngay-dang { color: var(--nhat); font-size: 0.9rem; margin: 0 0 0.5rem; }
.cong-cu { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: center; font-size: 0.9rem;
  border-top: 1px solid var(--vien); border-bottom: 1px solid var(--vien); padding: 0.35rem 0; margin-bottom: 1rem; }
.cong-cu [hidden] { display: none; }
.cong-cu button { font: inherit; border: 1px solid var(--vien); background: #f6f7f9; border-radius: 3px;
  padding: 0.1rem 0.5rem; cursor: pointer; }
.cong-cu button[aria-pressed='true'] { background: var(--nhan); color: #fff; }
.noi-dung-bai { font-size: 1rem; }
.bai-viet[data-co-chu='-2'] .noi-dung-bai { font-size: 0.8rem; }
.bai-viet[data-co-chu='-1'] .noi-dung-bai { font-size: 0.9rem; }
.bai-viet[data-co-chu='1'] .noi-dung-bai { font-size: 1.15rem; }
.bai-viet[data-co-chu='2'] .noi-dung-bai { font-size: 1.3rem; }
.bai-viet[data-co-chu='3'] .noi-dung-bai { font-size: 1.5rem; }
.sapo { font-weight: bold; }
.noi-dung p { text-align: justify; }
figure { margin: 1rem 0; text-align: center; }
figure img, .anh-nho img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: var(--nhat); font-style: italic; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid var(--vien); padding: 0.25rem 0.5rem; vertical-align: top; }
th p, td p { margin: 0; }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--vien); }
.tac-gia { text-align: right; font-weight: bold; }
.bai-khac, .danh-sach { margin-top: 2rem; }
.bai-khac h2, .danh-sach h1 { font-size: 1.1rem; color: var(--nhan); border-bottom: 2px solid var(--nhan);
  padding-bottom: 0.25rem; }
.bai-khac ul { padding-left: 1.2rem; }
.bai-khac li { margin: 0.3rem 0; }
.ngay { color: var(--nhat); font-size: 0.85em; }
.danh-sach ol { list-style: none; padding: 0; margin: 0; }
.tin { display: flex; gap: 1rem; padding: 0.75rem 0; border-bottom: 1px solid var(--vien); }
.anh-nho { flex: 0 0 9rem; }
.anh-nho img { display: block; width: 100%; height: auto; }
.tin h2 { font-size: 1.1rem; margin: 0 0 0.25rem; }
.tin p { margin: 0.25rem 0; }
.phan-trang { margin: 1rem 0; display: flex; flex-wrap: wrap; gap: 0.35rem; }
.phan-trang a, .phan-trang span { padding: 0.1rem 0.5rem; border: 1px solid var(--vien); text-decoration: none; }
.phan-trang span { background: var(--nhan); color: #fff; }
.chan-trang { max-width: 52rem; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid var(--vien);
  font-size: 0.9rem; color: var(--nhat); }
@media print { .cong-cu, .bai-khac, .phan-trang { display: none; } }
`;

/**
 * The page controls: "Xem cỡ chữ" (remembered per browser) and "Đọc bài viết" through the browser's
 * own speech synthesis. Both controls ship hidden and this script reveals them, so a reader without
 * scripts, or without a Vietnamese voice, never sees a button that does nothing.
 */
export const SCRIPT = `(function () {
  'use strict';
  var article = document.querySelector('.bai-viet');
  if (!article) return;

  // Xem cỡ chữ
  var KEY = 'bientap-co-chu';
  var MIN = -2;
  var MAX = 3;
  var fontControl = article.querySelector('.co-chu');
  function savedStep() {
    try {
      var step = parseInt(window.localStorage.getItem(KEY) || '0', 10);
      return step >= MIN && step <= MAX ? step : 0;
    } catch (e) {
      return 0;
    }
  }
  function applyStep(step) {
    article.setAttribute('data-co-chu', String(step));
    try {
      window.localStorage.setItem(KEY, String(step));
    } catch (e) {
      // Storage may be off (private mode, file://); the size still applies to this page.
    }
  }
  if (fontControl) {
    var step = savedStep();
    article.setAttribute('data-co-chu', String(step));
    fontControl.addEventListener('click', function (event) {
      var button = event.target.closest ? event.target.closest('button[data-co-chu]') : null;
      if (!button) return;
      var change = parseInt(button.getAttribute('data-co-chu'), 10);
      var current = parseInt(article.getAttribute('data-co-chu') || '0', 10);
      applyStep(change === 0 ? 0 : Math.max(MIN, Math.min(MAX, current + change)));
    });
    fontControl.hidden = false;
  }

  // Đọc bài viết
  var synth = window.speechSynthesis;
  var readControl = article.querySelector('.doc-bai');
  var readButton = readControl && readControl.querySelector('button');
  if (!synth || !readButton || typeof window.SpeechSynthesisUtterance !== 'function') return;

  /** The best Vietnamese voice the browser has: vi-VN first, then any "vi" voice; null when none. */
  function vietnameseVoice(voices) {
    var best = null;
    for (var i = 0; i < voices.length; i++) {
      var lang = String(voices[i].lang || '').toLowerCase().replace('_', '-');
      if (lang !== 'vi' && lang.indexOf('vi-') !== 0) continue;
      if (lang === 'vi-vn') return voices[i];
      if (!best) best = voices[i];
    }
    return best;
  }

  /** Pieces short enough that no browser cuts them off mid-sentence (Chrome stops near 15 seconds). */
  function pieces(text) {
    var out = [];
    var rest = text.replace(/\\s+/g, ' ').trim();
    while (rest.length > 220) {
      var head = rest.slice(0, 220);
      var at = Math.max(head.lastIndexOf('. '), head.lastIndexOf('; '), head.lastIndexOf('? '), head.lastIndexOf('! '));
      if (at < 80) at = head.lastIndexOf(', ');
      if (at < 80) at = head.lastIndexOf(' ');
      if (at < 1) at = 219;
      out.push(rest.slice(0, at + 1).trim());
      rest = rest.slice(at + 1).trim();
    }
    if (rest) out.push(rest);
    return out;
  }

  function readableText() {
    var blocks = [];
    var nodes = article.querySelectorAll('.tieu-de, .sapo, .noi-dung p, .noi-dung h2, .noi-dung h3, .noi-dung h4, .noi-dung li, .noi-dung blockquote, .noi-dung figcaption, .noi-dung td, .noi-dung th, .tac-gia');
    for (var i = 0; i < nodes.length; i++) {
      var text = nodes[i].textContent || '';
      if (text.trim()) blocks.push(text);
    }
    return blocks;
  }

  var voice = null;
  var reading = false;
  // Each reading gets a number: the end of one that was cancelled must not reset the next.
  var run = 0;
  var label = readButton.textContent;

  function setReading(value) {
    reading = value;
    readButton.setAttribute('aria-pressed', value ? 'true' : 'false');
    readButton.textContent = value ? 'Dừng đọc' : label;
  }

  function stop() {
    run++;
    synth.cancel();
    setReading(false);
  }

  function start() {
    synth.cancel();
    var current = ++run;
    var blocks = readableText();
    var last = null;
    for (var i = 0; i < blocks.length; i++) {
      var parts = pieces(blocks[i]);
      for (var j = 0; j < parts.length; j++) {
        var utterance = new window.SpeechSynthesisUtterance(parts[j]);
        utterance.voice = voice;
        utterance.lang = voice.lang;
        synth.speak(utterance);
        last = utterance;
      }
    }
    if (!last) return;
    last.onend = function () {
      if (current === run) setReading(false);
    };
    setReading(true);
  }

  function updateVoice() {
    voice = vietnameseVoice(synth.getVoices() || []);
    readControl.hidden = !voice;
    if (!voice && reading) stop();
  }

  readButton.addEventListener('click', function () {
    if (reading) stop();
    else if (voice) start();
  });
  // Voices arrive after the page loads in most browsers: look again whenever the list changes.
  if (typeof synth.addEventListener === 'function') synth.addEventListener('voiceschanged', updateVoice);
  else synth.onvoiceschanged = updateVoice;
  window.addEventListener('pagehide', function () {
    synth.cancel();
  });
  updateVoice();
})();
`;
