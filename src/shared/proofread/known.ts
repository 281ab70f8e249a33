/**
 * Misspellings that are wrong in every context, with their correction (new tone style; the rule
 * converts to the house style). Pairs that are each right somewhere (giành/dành, bàng quan/bàng
 * quang, tham quan/thăm quan) are deliberately absent.
 */
export const KNOWN_MISSPELLINGS: readonly (readonly [wrong: string, right: string])[] = [
  ['camara', 'camera'],
  ['sãy ra', 'xảy ra'],
  ['xãy ra', 'xảy ra'],
  ['sảy ra', 'xảy ra'],
  ['chuẩn đoán', 'chẩn đoán'],
  ['sáng lạng', 'xán lạn'],
  ['đột suất', 'đột xuất'],
  ['suất sắc', 'xuất sắc'],
  ['sơ xuất', 'sơ suất'],
  ['năng xuất', 'năng suất'],
  ['bổ xung', 'bổ sung'],
  ['sát nhập', 'sáp nhập'],
  ['xát nhập', 'sáp nhập'],
  ['chỉnh chu', 'chỉn chu'],
  ['giành dụm', 'dành dụm'],
  ['dành giật', 'giành giật'],
  ['vô hình chung', 'vô hình trung'],
];
