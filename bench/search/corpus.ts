/**
 * A reproducible corpus of Vietnamese-looking articles, built from a list of common syllables drawn
 * with Zipf-like weights: cheap enough to generate 100,000 articles in a few minutes, with the
 * word frequencies (very common `và`, `của`, `đường`; rare names) that make search slow or fast.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/core/db/connection';
import { flushSearchIndex } from '../../src/core/search/indexer';

/** Bump when the corpus changes, so a cached database built by an older generator is not reused. */
export const CORPUS_VERSION = 3;

const SYLLABLES = `và của là có được cho các những một người không trong đã với này để khi thành phố
đường Huế văn hóa thông tin ngày năm đến về từ theo tại trên hội đồng nhân dân tỉnh ủy ban Đảng bộ
Tổ quốc lễ phát triển kinh tế xã công tác chương trình quản lý dự án du lịch di sản sông Hương
cầu Trường Tiền chợ Đông Ba nghệ thuật biểu diễn festival lãnh đạo cán bộ đoàn viên thanh niên
học sinh trường giáo dục y tế bệnh viện an toàn giao thông xây dựng nông thôn mới hòa bình hoà
nhạc giải hợp tác quốc tế bảo tồn phục hồi di tích kiến trúc cung đình nhã nhạc ca Huế áo dài
phường quận huyện ông bà anh chị em tổ chức đại biểu tham gia kế hoạch triển khai nhiệm vụ
mục tiêu kết quả đánh giá tăng cường nâng cao chất lượng hiệu quả hoạt động phong trào thi đua
khen thưởng truyền thống lịch sử cách mạng chiến thắng giải phóng miền Nam thống nhất đất nước
mùa xuân hè thu đông hoa mai đào cúc sen lúa gạo cá tôm biển đầm phá Tam Giang Cầu Hai Lăng Cô
Bạch Mã núi rừng mưa bão lũ lụt khắc phục hậu quả hỗ trợ người dân vùng sâu xa khó khăn
nguồn vốn ngân sách đầu tư doanh nghiệp sản xuất thương mại dịch vụ việc làm lao động
bảo vệ môi trường xanh sạch đẹp văn minh đô thị thông minh chuyển đổi số dữ liệu`
  .split(/\s+/)
  .filter(Boolean);

/** Deterministic: the same seed gives the same corpus everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfTable(n: number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / (i + 1) ** 0.9;
  for (let i = 0; i < n; i++) cumulative[i]! /= sum;
  return cumulative;
}

export function makeWriter(seed: number): (words: number) => string {
  const next = random(seed);
  const table = zipfTable(SYLLABLES.length);
  const pick = () => {
    const r = next();
    let lo = 0;
    let hi = table.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (table[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return SYLLABLES[lo]!;
  };
  return (words) => {
    const out: string[] = [];
    let sentence = 0;
    for (let i = 0; i < words; i++) {
      let word = pick();
      if (sentence === 0) word = word[0]!.toUpperCase() + word.slice(1);
      sentence++;
      if (sentence > 8 && next() < 0.15) {
        word += '.';
        sentence = 0;
      } else if (next() < 0.05) word += ',';
      out.push(word);
    }
    return out.join(' ');
  };
}

export const AUTHORS = 20;

/** Inserts `count` articles through the real schema, then indexes them as the app does. */
export function fillCorpus(db: Db, count: number, bodyWords = 300): void {
  const write = makeWriter(20260415);
  const start = Date.parse('2020-01-01T00:00:00.000Z');
  const userIds: string[] = [];
  const insertUser = db.prepare(
    `INSERT INTO users (id, username, display_name, role, byline, unit, password_hash, created_at, updated_at)
     VALUES (?, ?, ?, 'reporter', ?, 'Phòng Văn hóa & Thông tin', 'x', ?, ?)`,
  );
  const at = new Date(start).toISOString();
  for (let i = 0; i < AUTHORS; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    insertUser.run(id, `tacgia${i}`, `Tác Giả ${i}`, `Tác Giả ${i}`, at, at);
    userIds.push(id);
  }
  const insert = db.prepare(
    `INSERT INTO articles (id, title, summary, body_json, body_text, word_count, author_id, status, version,
                           created_at, updated_at, updated_by, byline, category, tags_json)
     VALUES (?, ?, ?, '{"root":{"type":"root","children":[]}}', ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)`,
  );
  const statuses = ['draft', 'submitted', 'published', 'published', 'published'];
  const categories = ['Văn hóa', 'Du lịch', 'Xã hội', 'Kinh tế', 'Thể thao'];
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const author = userIds[n % AUTHORS]!;
      const when = new Date(start + n * 15 * 60_000).toISOString();
      const id = `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
      insert.run(
        id,
        write(9),
        write(30),
        write(bodyWords),
        bodyWords,
        author,
        statuses[n % statuses.length],
        when,
        when,
        author,
        `Tác Giả ${n % AUTHORS} (Phòng Văn hóa & Thông tin)`,
        categories[n % categories.length],
        JSON.stringify([write(1).replace(/[.,]/g, ''), write(2).replace(/[.,]/g, '')]),
      );
    }
  });
  for (let from = 0; from < count; from += 1000) batch(from, Math.min(count, from + 1000));
  flushSearchIndex(db);
}

/**
 * The corpus database, generated once and kept under .bench-cache/ (named by corpus version,
 * size and schema), since indexing 100,000 articles takes minutes and the benchmark only reads it.
 */
export function openCorpus(count: number, log: (line: string) => void): Db {
  const dir = join(import.meta.dirname, '..', '..', '.bench-cache');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `search-v${CORPUS_VERSION}-${count}.sqlite`);
  if (!existsSync(file)) {
    const partial = `${file}.partial`;
    rmSync(partial, { force: true });
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    log(`  tạo kho ${count.toLocaleString('vi-VN')} bài (một lần, lưu ở ${file}) …`);
    const started = Date.now();
    const db = openDatabase(partial);
    // Nothing here is acknowledged to anyone; a crash only means generating again.
    db.pragma('synchronous = OFF');
    fillCorpus(db, count);
    db.exec("INSERT INTO search_folded (search_folded) VALUES ('optimize')");
    db.exec("INSERT INTO search_exact (search_exact) VALUES ('optimize')");
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(partial, file);
    log(`  xong sau ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return openDatabase(file);
}
