/**
 * The indicator groups of QĐ 766/QĐ-TTg (2022) that motcua's data can support (DOMAIN.md §6), per unit and
 * period, each with the formula it is computed by, its numerator and denominator, and the counts it came from
 * (with the dossiers behind a share of dossiers). Online payment has no data yet (no payment in motcua), nor the
 * reuse of digitised documents (no citizen repository yet): they say so rather than show a figure. Pure.
 */
import { msg, type Message } from '../errors/errors.ts';
import type { FactBase, ProcedureFacts, UnitFacts } from './indicator-facts.ts';

/** A count an indicator came from, with the dossiers behind it where it counts dossiers. */
export interface Evidence {
  label: Message;
  count: number;
  drill?: { base: FactBase; part: string; match: boolean };
  /** names behind a small count (procedures not published, ...) */
  items?: string[];
}

export interface Indicator {
  code: string;
  name: Message;
  formula: Message;
  numerator: number | null;
  denominator: number | null;
  /** numerator / denominator, 0..1; null without a denominator or without data */
  value: number | null;
  /** computed from the data, entered by the unit (do đơn vị tự đánh giá), or not known to motcua yet */
  source: 'computed' | 'entered' | 'no_data';
  evidence: Evidence[];
}

export interface IndicatorGroup {
  code: string;
  name: Message;
  indicators: Indicator[];
}

export const share = (n: number, of: number) => (of ? n / of : null);

/** A share of dossiers: the part of a base, with both halves as evidence that drill to their dossiers. */
export function dossierShare(
  code: string,
  name: Message,
  formula: Message,
  n: number,
  of: number,
  base: FactBase,
  part: string,
  labels: { hit: Message; miss: Message },
  more: Evidence[] = [],
): Indicator {
  return {
    code,
    name,
    formula,
    numerator: n,
    denominator: of,
    value: share(n, of),
    source: 'computed',
    evidence: [
      { label: labels.hit, count: n, drill: { base, part, match: true } },
      { label: labels.miss, count: of - n, drill: { base, part, match: false } },
      ...more,
    ],
  };
}

export const noData = (code: string, name: Message, formula: Message): Indicator => ({
  code,
  name,
  formula,
  numerator: null,
  denominator: null,
  value: null,
  source: 'no_data',
  evidence: [],
});

/** The QĐ 766 groups of a unit (and its subtree) in a period. */
export function indicators766(f: UnitFacts, p: ProcedureFacts): IndicatorGroup[] {
  return [
    {
      code: 'qd766.timeliness',
      name: msg('Tiến độ giải quyết', 'Timeliness'),
      indicators: [
        dossierShare(
          'qd766.on_time',
          msg('Tỷ lệ hồ sơ giải quyết đúng hạn', 'Dossiers decided on time'),
          msg(
            'Số hồ sơ giải quyết trước hạn và đúng hạn ÷ số hồ sơ đã giải quyết trong kỳ',
            'Dossiers decided early or on time ÷ dossiers decided in the period',
          ),
          f.onTime,
          f.decided,
          'decided',
          'on_time',
          { hit: msg('Trước hạn và đúng hạn', 'Early or on time'), miss: msg('Quá hạn', 'Late') },
        ),
      ],
    },
    {
      code: 'qd766.online',
      name: msg('Dịch vụ công trực tuyến', 'Online services'),
      indicators: [
        {
          code: 'qd766.online_procedures',
          name: msg('Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến', 'Procedures offered online'),
          formula: msg(
            'Số thủ tục đã công bố có cách thức nộp trực tuyến ÷ số thủ tục thuộc lĩnh vực của đơn vị',
            'Published procedures with an online channel ÷ procedures of the unit’s fields',
          ),
          numerator: p.online,
          denominator: p.procedures,
          value: share(p.online, p.procedures),
          source: 'computed',
          evidence: [
            { label: msg('Thủ tục có nộp trực tuyến', 'Procedures with an online channel'), count: p.online },
            { label: msg('Thủ tục chưa có nộp trực tuyến', 'Procedures without an online channel'), count: p.offline.length, items: p.offline },
            { label: msg('Thủ tục chưa công bố', 'Procedures not published'), count: p.unpublished.length, items: p.unpublished },
          ],
        },
        dossierShare(
          'qd766.online_dossiers',
          msg('Tỷ lệ hồ sơ nộp trực tuyến', 'Dossiers submitted online'),
          msg('Số hồ sơ tiếp nhận qua cổng dịch vụ công ÷ số hồ sơ tiếp nhận trong kỳ', 'Dossiers received online ÷ dossiers received in the period'),
          f.online,
          f.received,
          'received',
          'online',
          { hit: msg('Nộp trực tuyến', 'Online'), miss: msg('Trực tiếp hoặc bưu chính', 'In person or by post') },
        ),
      ],
    },
    {
      code: 'qd766.payment',
      name: msg('Thanh toán trực tuyến', 'Online payment'),
      indicators: [
        noData(
          'qd766.online_payment',
          msg('Tỷ lệ hồ sơ thanh toán trực tuyến', 'Dossiers paid online'),
          msg(
            'Số hồ sơ có phí, lệ phí thanh toán trực tuyến ÷ số hồ sơ có phí, lệ phí (chưa có dữ liệu)',
            'Dossiers paid online ÷ dossiers with fees (no data yet)',
          ),
        ),
      ],
    },
    {
      code: 'qd766.satisfaction',
      name: msg('Mức độ hài lòng', 'Satisfaction'),
      indicators: [
        dossierShare(
          'qd766.satisfaction',
          msg('Tỷ lệ đánh giá hài lòng', 'Ratings satisfied'),
          msg('Số lượt đánh giá Hài lòng và Rất hài lòng ÷ số lượt đánh giá trong kỳ', 'Ratings Satisfied or Very satisfied ÷ ratings given in the period'),
          f.satisfied,
          f.ratings,
          'rated',
          'satisfied',
          { hit: msg('Hài lòng, rất hài lòng', 'Satisfied, very satisfied'), miss: msg('Không hài lòng', 'Not satisfied') },
        ),
      ],
    },
    {
      code: 'qd766.digitisation',
      name: msg('Số hóa hồ sơ', 'Digitisation'),
      indicators: [
        dossierShare(
          'qd766.digitised',
          msg('Tỷ lệ hồ sơ được số hóa', 'Dossiers digitised'),
          msg(
            'Số hồ sơ tiếp nhận có thành phần hồ sơ điện tử ÷ số hồ sơ tiếp nhận trong kỳ',
            'Dossiers received with electronic documents ÷ dossiers received in the period',
          ),
          f.digitised,
          f.received,
          'received',
          'digitised',
          { hit: msg('Có thành phần hồ sơ điện tử', 'With electronic documents'), miss: msg('Không có tệp đính kèm', 'Without attachments') },
        ),
        dossierShare(
          'qd766.e_results',
          msg('Tỷ lệ kết quả giải quyết điện tử', 'Results issued electronically'),
          msg(
            'Số hồ sơ có kết quả điện tử đã ký số ÷ số hồ sơ đã giải quyết trong kỳ',
            'Dossiers with a signed electronic result ÷ dossiers decided in the period',
          ),
          f.eResult,
          f.decided,
          'decided',
          'e_result',
          { hit: msg('Có kết quả điện tử ký số', 'Signed electronic result'), miss: msg('Không có kết quả điện tử', 'No electronic result') },
        ),
        noData(
          'qd766.reused',
          msg('Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa', 'Digitised data reused'),
          msg(
            'Số thành phần hồ sơ lấy lại từ kho dữ liệu của công dân ÷ số thành phần hồ sơ (chưa có dữ liệu)',
            'Documents taken from the citizen’s repository ÷ documents (no data yet)',
          ),
        ),
      ],
    },
  ];
}
