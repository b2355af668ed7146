/**
 * The nine indicators of TT 01/2018/TT-VPCP (NĐ 61/2018/NĐ-CP Art. 33; DOMAIN.md §7), 0–2 points each, 18 in
 * all, per unit and period. Seven are shares computed from motcua's data and turned into points by bands (a
 * setting: a share at or above `two` earns 2 points, at or above `one` 1 point, else 0); two are not known to
 * motcua (the other agencies an applicant had to contact, the feedback handled) and are entered by the unit
 * (do đơn vị tự đánh giá). The total earns a grade, by the same setting. Pure.
 */
import { msg, type Message } from '../errors/errors.ts';
import type { ProcedureFacts, UnitFacts } from './indicator-facts.ts';
import { dossierShare, share, type Indicator } from './indicators-766.ts';

/** the indicators computed from the data, in the order of the index */
export const COMPUTED_CODES = [
  'tt01.total_time',
  'tt01.agency_time',
  'tt01.contacts',
  'tt01.one_stop',
  'tt01.publication',
  'tt01.attitude',
  'tt01.online',
] as const;
/** the indicators the unit enters */
export const ENTERED_CODES = ['tt01.agencies', 'tt01.feedback'] as const;
export type ComputedCode = (typeof COMPUTED_CODES)[number];
export type EnteredCode = (typeof ENTERED_CODES)[number];

/** The nine indicators' names, in the order of the index. */
export const TT01_NAMES: Record<ComputedCode | EnteredCode, Message> = {
  'tt01.total_time': msg('Tổng thời gian giải quyết so với quy định', 'Total time against the time limit'),
  'tt01.agency_time': msg('Thời gian thực hiện của từng cơ quan tham gia giải quyết', 'Time of each agency taking part'),
  'tt01.contacts': msg('Số lần phải liên hệ để hoàn thiện hồ sơ', 'Contacts needed to complete the dossier'),
  'tt01.agencies': msg('Số cơ quan, tổ chức phải liên hệ để hoàn thiện hồ sơ', 'Agencies the applicant had to contact'),
  'tt01.one_stop': msg('Tiếp nhận, giải quyết, trả kết quả tại Bộ phận Một cửa', 'Received, handled and returned at the one-stop unit'),
  'tt01.publication': msg('Công khai thủ tục hành chính', 'Publication of procedures'),
  'tt01.attitude': msg('Thái độ của cán bộ, công chức', 'Staff attitude'),
  'tt01.feedback': msg('Tiếp thu, giải trình phản ánh, kiến nghị', 'Feedback and petitions handled on time'),
  'tt01.online': msg('Cung cấp dịch vụ công trực tuyến', 'Online services'),
};

export interface Band {
  /** the least share (0..1) that earns 2 points */
  two: number;
  /** the least share that earns 1 point */
  one: number;
}
export type Grade = 'excellent' | 'good' | 'fair' | 'poor';
export interface IndicatorBands {
  indicators: Record<ComputedCode, Band>;
  /** the least total (of 18) for each grade */
  grades: { excellent: number; good: number; fair: number };
}

/** The bands seeded by the migration; an administrator adjusts them. */
export const DEFAULT_INDICATOR_BANDS: IndicatorBands = {
  indicators: {
    'tt01.total_time': { two: 0.95, one: 0.85 },
    'tt01.agency_time': { two: 0.95, one: 0.85 },
    'tt01.contacts': { two: 0.9, one: 0.7 },
    'tt01.one_stop': { two: 0.95, one: 0.8 },
    'tt01.publication': { two: 1, one: 0.9 },
    'tt01.attitude': { two: 0.9, one: 0.7 },
    'tt01.online': { two: 0.5, one: 0.2 },
  },
  grades: { excellent: 16, good: 13, fair: 9 },
};

const band = {
  type: 'object',
  additionalProperties: false,
  required: ['two', 'one'],
  properties: { two: { type: 'number', minimum: 0, maximum: 1 }, one: { type: 'number', minimum: 0, maximum: 1 } },
};
const total = { type: 'integer', minimum: 0, maximum: 18 };
/** The JSON Schema of the bands an administrator sends (that `one` ≤ `two` and the grades descend is checked by `bandProblems`). */
export const indicatorBandsSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['indicators', 'grades'],
  properties: {
    indicators: {
      type: 'object',
      additionalProperties: false,
      required: [...COMPUTED_CODES],
      properties: Object.fromEntries(COMPUTED_CODES.map((c) => [c, band])),
    },
    grades: {
      type: 'object',
      additionalProperties: false,
      required: ['excellent', 'good', 'fair'],
      properties: { excellent: total, good: total, fair: total },
    },
  },
};

/** What is wrong with bands beyond their schema: a 1-point floor above the 2-point one, grades out of order. */
export function bandProblems(b: IndicatorBands): { field: string; message: Message }[] {
  const out: { field: string; message: Message }[] = [];
  for (const c of COMPUTED_CODES)
    if (b.indicators[c].one > b.indicators[c].two)
      out.push({
        field: `indicators.${c}.one`,
        message: msg('Ngưỡng 1 điểm không được cao hơn ngưỡng 2 điểm.', 'The 1-point floor cannot be above the 2-point one.'),
      });
  if (!(b.grades.excellent >= b.grades.good && b.grades.good >= b.grades.fair))
    out.push({ field: 'grades', message: msg('Ngưỡng xếp loại phải giảm dần: xuất sắc ≥ tốt ≥ đạt.', 'Grades must descend: excellent ≥ good ≥ fair.') });
  return out;
}

/** The points a share earns under a band. */
export const pointsOf = (value: number, b: Band): 0 | 1 | 2 => (value >= b.two ? 2 : value >= b.one ? 1 : 0);

export const gradeNames: Record<Grade, Message> = {
  excellent: msg('Xuất sắc', 'Excellent'),
  good: msg('Tốt', 'Good'),
  fair: msg('Đạt', 'Fair'),
  poor: msg('Chưa đạt', 'Poor'),
};
export const gradeOf = (points: number, g: IndicatorBands['grades']): Grade =>
  points >= g.excellent ? 'excellent' : points >= g.good ? 'good' : points >= g.fair ? 'fair' : 'poor';

export interface Entry {
  points: 0 | 1 | 2;
  note: string | null;
  enteredBy: string;
  enteredAt: Date;
}

export interface Tt01Indicator extends Indicator {
  /** the points earned; null when there is nothing to score (no data in the period, or not entered yet): counted as 0 */
  points: 0 | 1 | 2 | null;
  band: Band | null;
  entry: Entry | null;
}

export interface Tt01Index {
  indicators: Tt01Indicator[];
  /** of 18 */
  total: number;
  max: 18;
  grade: Grade;
  gradeName: Message;
}

const entered = (code: EnteredCode, name: Message, formula: Message, e: Entry | undefined): Tt01Indicator => ({
  code,
  name,
  formula,
  numerator: null,
  denominator: null,
  value: null,
  source: 'entered',
  evidence: [],
  points: e?.points ?? null,
  band: null,
  entry: e ?? null,
});

/** The index of a unit (and its subtree) in a period, from its counts, the bands in force and the unit's entries. */
export function indexTt01(f: UnitFacts, p: ProcedureFacts, bands: IndicatorBands, entries: Partial<Record<EnteredCode, Entry>>): Tt01Index {
  const scored = (i: Indicator & { code: ComputedCode }): Tt01Indicator => {
    const b = bands.indicators[i.code];
    return { ...i, band: b, entry: null, points: i.value === null ? null : pointsOf(i.value, b) };
  };
  const indicators: Tt01Indicator[] = [
    scored({
      ...dossierShare(
        'tt01.total_time',
        TT01_NAMES['tt01.total_time'],
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
      code: 'tt01.total_time',
    }),
    scored({
      code: 'tt01.agency_time',
      name: TT01_NAMES['tt01.agency_time'],
      formula: msg(
        'Số lượt cơ quan xử lý bước của mình trong thời hạn của bước ÷ số lượt cơ quan tham gia giải quyết hồ sơ đã giải quyết trong kỳ',
        'Agency handlings with no step of the agency past its own deadline ÷ agency handlings of the dossiers decided in the period',
      ),
      numerator: f.handlingsWithin,
      denominator: f.handlings,
      value: share(f.handlingsWithin, f.handlings),
      source: 'computed',
      evidence: [
        { label: msg('Lượt xử lý trong hạn của bước', 'Handlings within the step deadlines'), count: f.handlingsWithin },
        { label: msg('Lượt có bước quá hạn', 'Handlings with a step late'), count: f.handlings - f.handlingsWithin },
      ],
    }),
    scored({
      ...dossierShare(
        'tt01.contacts',
        TT01_NAMES['tt01.contacts'],
        msg(
          'Số hồ sơ không phải bổ sung lần nào ÷ số hồ sơ đã giải quyết trong kỳ (mỗi yêu cầu bổ sung là một lần người nộp phải liên hệ lại)',
          'Dossiers never asked for a supplement ÷ dossiers decided in the period (each request to supplement is one more contact)',
        ),
        f.noSupplement,
        f.decided,
        'decided',
        'no_supplement',
        { hit: msg('Không phải bổ sung', 'No supplement asked'), miss: msg('Phải bổ sung', 'Asked to supplement') },
        [
          { label: msg('Bổ sung một lần', 'Supplemented once'), count: f.oneSupplement, drill: { base: 'decided', part: 'one_supplement', match: true } },
          {
            label: msg('Bổ sung hơn một lần', 'Supplemented more than once'),
            count: f.moreSupplements,
            drill: { base: 'decided', part: 'more_supplements', match: true },
          },
        ],
      ),
      code: 'tt01.contacts',
    }),
    entered(
      'tt01.agencies',
      TT01_NAMES['tt01.agencies'],
      msg(
        'Đơn vị tự đánh giá: hệ thống chỉ biết nơi tiếp nhận, không biết người nộp đã phải đến những cơ quan nào khác để có giấy tờ',
        'Entered by the unit: motcua knows the receiving unit only, not which other agencies the applicant went to for papers',
      ),
      entries['tt01.agencies'],
    ),
    scored({
      ...dossierShare(
        'tt01.one_stop',
        TT01_NAMES['tt01.one_stop'],
        msg(
          'Số hồ sơ đã trả kết quả qua Bộ phận Một cửa (trên hệ thống) ÷ số hồ sơ đã giải quyết trong kỳ',
          'Dossiers whose result was returned through the one-stop unit (in the system) ÷ dossiers decided in the period',
        ),
        f.returned,
        f.decided,
        'decided',
        'returned',
        { hit: msg('Đã trả kết quả qua một cửa', 'Returned through the one-stop unit'), miss: msg('Chưa ghi nhận trả kết quả', 'No return recorded') },
      ),
      code: 'tt01.one_stop',
    }),
    scored({
      code: 'tt01.publication',
      name: TT01_NAMES['tt01.publication'],
      formula: msg(
        'Số thủ tục thuộc lĩnh vực của đơn vị đã công bố trên cổng dịch vụ công ÷ số thủ tục thuộc lĩnh vực của đơn vị',
        'Procedures of the unit’s fields published on the portal ÷ procedures of the unit’s fields',
      ),
      numerator: p.published,
      denominator: p.procedures,
      value: share(p.published, p.procedures),
      source: 'computed',
      evidence: [
        { label: msg('Thủ tục đã công bố', 'Procedures published'), count: p.published },
        { label: msg('Thủ tục chưa công bố', 'Procedures not published'), count: p.unpublished.length, items: p.unpublished },
      ],
    }),
    scored({
      code: 'tt01.attitude',
      name: TT01_NAMES['tt01.attitude'],
      formula: msg(
        'Số lượt đánh giá cán bộ theo từng bước ở mức Hài lòng, Rất hài lòng ÷ số lượt đánh giá cán bộ trong kỳ',
        'Officers’ step ratings Satisfied or Very satisfied ÷ officers’ step ratings given in the period',
      ),
      numerator: f.stepSatisfied,
      denominator: f.stepRatings,
      value: share(f.stepSatisfied, f.stepRatings),
      source: 'computed',
      evidence: [
        { label: msg('Đánh giá hài lòng', 'Satisfied'), count: f.stepSatisfied },
        { label: msg('Đánh giá không hài lòng', 'Not satisfied'), count: f.stepRatings - f.stepSatisfied },
      ],
    }),
    entered(
      'tt01.feedback',
      TT01_NAMES['tt01.feedback'],
      msg(
        'Đơn vị tự đánh giá: hệ thống chưa tiếp nhận phản ánh, kiến nghị nên chưa biết số được giải quyết đúng hạn',
        'Entered by the unit: motcua does not take feedback and petitions yet, so it cannot count those handled on time',
      ),
      entries['tt01.feedback'],
    ),
    scored({
      ...dossierShare(
        'tt01.online',
        TT01_NAMES['tt01.online'],
        msg('Số hồ sơ tiếp nhận trực tuyến ÷ số hồ sơ tiếp nhận trong kỳ', 'Dossiers received online ÷ dossiers received in the period'),
        f.online,
        f.received,
        'received',
        'online',
        { hit: msg('Nộp trực tuyến', 'Online'), miss: msg('Trực tiếp hoặc bưu chính', 'In person or by post') },
      ),
      code: 'tt01.online',
    }),
  ];
  const sum = indicators.reduce((s, i) => s + (i.points ?? 0), 0);
  const grade = gradeOf(sum, bands.grades);
  return { indicators, total: sum, max: 18, grade, gradeName: gradeNames[grade] };
}
