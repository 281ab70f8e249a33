import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { buildEditorFromExtensions } from '@lexical/extension';
import { $getRoot, $getSelection, $isRangeSelection } from 'lexical';
import { describe, expect, it } from 'vitest';
import { createBodyExtension } from '../extension';
import { joinPdfLines } from './pdfText';

// Copied from a PDF of a city bulletin: a fixed column about 75 characters wide.
const BULLETIN = [
  'UBND THÀNH PHỐ HUẾ',
  'Ngày 12/4/2021, UBND thành phố Huế ban hành Chỉ thị số 03/CT-UBND tiếp tục',
  'đẩy mạnh công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trong',
  'cơ quan, doanh nghiệp, nhà trường đáp ứng yêu cầu, nhiệm vụ bảo đảm an ninh,',
  'trật tự trong tình hình mới.',
  '',
  'Nhiệm vụ trọng tâm',
  'Thủ trưởng các cơ quan, đơn vị, doanh nghiệp, nhà trường đóng trên địa bàn',
  'thành phố cần thực hiện các nội dung sau:',
  '- Tăng cường công tác tuyên truyền, phổ biến nâng cao nhận thức cho cán bộ,',
  'công chức, viên chức và người lao động',
  '- Xây dựng lực lượng bảo vệ cơ quan vững mạnh',
  '2. Kiện toàn Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc; Covid-',
  '19 không làm gián đoạn các hoạt động của phong trào.',
  'Sở Văn hóa và Thể thao đề nghị các đơn vị báo cáo kết quả trước ngày 30/6',
  'để tổng hợp; mọi vướng mắc xin liên hệ phòng Nghiệp vụ. Bạn đã sẵn sàng?',
  'Mọi ý kiến xin gửi về hộp thư của Sở!',
].join('\r\n');

describe('joinPdfLines', () => {
  it('joins the wrapped lines of each paragraph and keeps the breaks that mean something', () => {
    expect(joinPdfLines(BULLETIN).split('\n')).toEqual([
      'UBND THÀNH PHỐ HUẾ',
      'Ngày 12/4/2021, UBND thành phố Huế ban hành Chỉ thị số 03/CT-UBND tiếp tục đẩy mạnh công tác xây dựng phong trào toàn dân bảo vệ an ninh Tổ quốc trong cơ quan, doanh nghiệp, nhà trường đáp ứng yêu cầu, nhiệm vụ bảo đảm an ninh, trật tự trong tình hình mới.',
      'Nhiệm vụ trọng tâm',
      'Thủ trưởng các cơ quan, đơn vị, doanh nghiệp, nhà trường đóng trên địa bàn thành phố cần thực hiện các nội dung sau:',
      '- Tăng cường công tác tuyên truyền, phổ biến nâng cao nhận thức cho cán bộ, công chức, viên chức và người lao động',
      '- Xây dựng lực lượng bảo vệ cơ quan vững mạnh',
      '2. Kiện toàn Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc; Covid-19 không làm gián đoạn các hoạt động của phong trào.',
      'Sở Văn hóa và Thể thao đề nghị các đơn vị báo cáo kết quả trước ngày 30/6 để tổng hợp; mọi vướng mắc xin liên hệ phòng Nghiệp vụ. Bạn đã sẵn sàng?',
      'Mọi ý kiến xin gửi về hộp thư của Sở!',
    ]);
  });

  it('keeps every word and diacritic', () => {
    const words = (text: string) => text.split(/\s+/).filter(Boolean).join(' ').replace('Covid- 19', 'Covid-19');
    expect(words(joinPdfLines(BULLETIN))).toBe(words(BULLETIN));
  });

  it('treats several blank lines, form feeds and indentation as one paragraph break', () => {
    const text =
      '   Lễ hội Huế năm nay thu hút hàng nghìn du khách trong và ngoài nước đến\n  tham quan.\n\n\n\f  Đêm khai mạc diễn ra tại Quảng trường Ngọ Môn với nhiều tiết mục đặc sắc\ncủa các đoàn nghệ thuật.';
    expect(joinPdfLines(text)).toBe(
      'Lễ hội Huế năm nay thu hút hàng nghìn du khách trong và ngoài nước đến tham quan.\nĐêm khai mạc diễn ra tại Quảng trường Ngọ Môn với nhiều tiết mục đặc sắc của các đoàn nghệ thuật.',
    );
  });

  it('leaves a single line, short lines and one paragraph per long line alone', () => {
    expect(joinPdfLines(' từ Word ')).toBe(' từ Word ');
    expect(joinPdfLines('Hà Nội\nHuế\nĐà Nẵng')).toBe('Hà Nội\nHuế\nĐà Nẵng');
    const line = 'Để tiếp tục đẩy mạnh phong trào toàn dân bảo vệ an ninh Tổ quốc, ';
    const text = `Tiêu đề bài viết\n15/04/2021 10:51:38 SA\n${line.repeat(4)}\nĐoạn cuối`;
    expect(joinPdfLines(text)).toBe(text);
  });
});

describe('plain-text paste into the body editor', () => {
  it('stores a PDF paragraph as one paragraph and keeps list items apart', () => {
    const editor = buildEditorFromExtensions(
      createBodyExtension(null, (error) => {
        throw error;
      }),
    );
    editor.update(
      () => {
        $getRoot().clear().selectEnd();
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) throw new Error('no selection');
        const transfer = { getData: (type: string) => (type === 'text/plain' ? BULLETIN : ''), types: ['text/plain'] };
        $insertDataTransferForRichText(transfer as unknown as DataTransfer, selection);
      },
      { discrete: true },
    );
    const paragraphs = editor.getEditorState().read(() =>
      $getRoot()
        .getChildren()
        .map((node) => node.getTextContent()),
    );
    expect(paragraphs).toHaveLength(9);
    expect(paragraphs[1]).toMatch(/^Ngày 12\/4\/2021.*tình hình mới\.$/);
    expect(paragraphs[4]).toBe(
      '- Tăng cường công tác tuyên truyền, phổ biến nâng cao nhận thức cho cán bộ, công chức, viên chức và người lao động',
    );
  });
});
