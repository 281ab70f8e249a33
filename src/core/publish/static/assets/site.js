(function () {
  'use strict';
  // The pager's numbers, as readers count pages: 1 is the front page, then the archive from the
  // newest page back. How many archive pages there are comes from so-trang.js, so a page never has
  // to be written again when the archive grows by one.
  var nav = document.querySelector('nav.phan-trang[data-trang]');
  var archive = window.bientapSoTrang;
  if (!nav || typeof archive !== 'number' || archive < 1) return;
  var total = archive + 1;
  var root = nav.getAttribute('data-goc') || '';
  var place = nav.getAttribute('data-trang');
  var current = place === 'bai' ? null : place === '0' ? 1 : total + 1 - parseInt(place, 10);
  if (current !== null && !(current >= 1 && current <= total)) return;
  function href(page) {
    return root + (page === 1 ? 'index.html' : 'trang/' + (total + 1 - page) + '.html');
  }
  function link(page, text, name) {
    var a = document.createElement('a');
    a.href = href(page);
    a.textContent = text;
    if (name) a.setAttribute('aria-label', name);
    return a;
  }
  var at = current === null ? 1 : current;
  var first = Math.max(1, Math.min(at - 2, total - 4));
  var last = Math.min(total, first + 4);
  var parts = [];
  if (current !== null && current > 1)
    parts.push(link(1, '\u00ab', 'Trang đầu'), link(current - 1, '\u2039', 'Trang trước'));
  for (var page = first; page <= last; page++) {
    if (page === current) {
      var here = document.createElement('span');
      here.setAttribute('aria-current', 'page');
      here.textContent = String(page);
      parts.push(here);
    } else {
      parts.push(link(page, String(page)));
    }
  }
  if (current !== null && current < total)
    parts.push(link(current + 1, '\u203a', 'Trang sau'), link(total, '\u00bb', 'Trang cuối'));
  while (nav.firstChild) nav.removeChild(nav.firstChild);
  parts.forEach(function (part, index) {
    if (index > 0) nav.appendChild(document.createTextNode(' '));
    nav.appendChild(part);
  });
})();

(function () {
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
    } catch (_e) {
      return 0;
    }
  }
  function applyStep(step) {
    article.setAttribute('data-co-chu', String(step));
    try {
      window.localStorage.setItem(KEY, String(step));
    } catch (_e) {
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
      var lang = String(voices[i].lang || '')
        .toLowerCase()
        .replace('_', '-');
      if (lang !== 'vi' && lang.indexOf('vi-') !== 0) continue;
      if (lang === 'vi-vn') return voices[i];
      if (!best) best = voices[i];
    }
    return best;
  }

  /** Pieces short enough that no browser cuts them off mid-sentence (Chrome stops near 15 seconds). */
  function pieces(text) {
    var out = [];
    var rest = text.replace(/\s+/g, ' ').trim();
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
    var nodes = article.querySelectorAll(
      '.tieu-de, .sapo, .noi-dung p, .noi-dung h2, .noi-dung h3, .noi-dung h4, .noi-dung li, .noi-dung blockquote, .noi-dung figcaption, .noi-dung td, .noi-dung th, .tac-gia',
    );
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
