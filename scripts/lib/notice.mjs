// The one paragraph `npm start` prints when it falls back to the browser.

/** @typedef {'download' | 'timeout' | 'headers' | 'compile' | 'display'} FallbackReason */

/** @type {Record<FallbackReason, { vi: string; en: string }>} */
const REASONS = {
  download: {
    vi: 'không tải được bộ chạy (runtime) của Electron về máy này',
    en: "Electron's runtime could not be downloaded here",
  },
  timeout: {
    vi: 'tải bộ chạy (runtime) của Electron quá lâu không xong',
    en: "Electron's runtime could not be downloaded here (the download did not finish in time)",
  },
  headers: {
    vi: 'không tải được bộ header của Electron, cần để dựng SQLite cho Electron',
    en: "Electron's headers, needed to build SQLite for it, could not be downloaded here",
  },
  compile: {
    vi: 'dựng SQLite cho Electron bị lỗi',
    en: 'building SQLite for Electron failed',
  },
  display: {
    vi: 'máy này không có màn hình đồ họa (DISPLAY/WAYLAND_DISPLAY) để mở cửa sổ',
    en: 'this machine has no graphical display (DISPLAY/WAYLAND_DISPLAY) to open a window on',
  },
};

/**
 * @param {string} text
 * @param {number} width
 */
function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/**
 * Vietnamese first, then English, as one paragraph (no blank line inside).
 * @param {FallbackReason} reason
 * @param {string} [log] a log file with the details, if there is one
 * @param {number} [width]
 */
export function fallbackNotice(reason, log, width = 100) {
  const { vi, en } = REASONS[reason];
  const vietnamese =
    `Biên Tập chưa mở được dạng ứng dụng máy tính vì ${vi}. ` +
    'Vì vậy cùng bàn biên tập ấy được mở trong trình duyệt: hãy mở địa chỉ in ra bên dưới' +
    (log ? ` (chi tiết lỗi: ${log}).` : '.');
  const english =
    `Biên Tập cannot open as a desktop app because ${en}, ` +
    'so the same workstation is served in your browser instead: open the URL printed below' +
    (log ? ` (details: ${log}).` : '.');
  return wrap(`${vietnamese} ${english}`, width);
}
