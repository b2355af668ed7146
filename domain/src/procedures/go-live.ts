/**
 * What a procedure must state before it goes live (issue 16): the papers an applicant gives (thành phần hồ sơ),
 * for each channel its fees — an amount, or a stated "free" (a fee of 0 đồng) — and its legal basis. Each
 * missing part is one problem, said in words, for the catalogue. Pure.
 */
import { msg } from '../errors/errors.ts';
import type { CheckProblem } from './procedure-check.ts';

const channelWords: Record<string, { vi: string; en: string }> = {
  in_person: { vi: 'Trực tiếp', en: 'In person' },
  online: { vi: 'Trực tuyến', en: 'Online' },
  postal: { vi: 'Bưu chính công ích', en: 'Public postal service' },
};

const filled = (xs: unknown): boolean => Array.isArray(xs) && xs.some((x) => (typeof x === 'string' ? x.trim() !== '' : x != null));

/** The parts of the catalogue still missing before the version may be published. */
export function goLiveProblems(catalogue: Record<string, unknown> | undefined): CheckProblem[] {
  const c = catalogue ?? {};
  const problems: CheckProblem[] = [];
  const problem = (rule: string, vi: string, en: string) =>
    problems.push({ severity: 'error', area: 'catalogue', rule: `motcua/go-live-${rule}`, message: msg(vi, en) });
  if (!filled(c.documents))
    problem(
      'papers',
      'Chưa có thành phần hồ sơ: hãy liệt kê các giấy tờ người nộp phải có (phần «Thành phần hồ sơ»).',
      'No required papers yet: list the papers an applicant must give ("Required documents").',
    );
  const channels = Array.isArray(c.channels) ? (c.channels as { kind?: string; fees?: unknown }[]) : [];
  for (const ch of channels) {
    if (Array.isArray(ch.fees) && ch.fees.length > 0) continue;
    const words = channelWords[ch.kind ?? ''] ?? { vi: ch.kind ?? '', en: ch.kind ?? '' };
    problem(
      `fees-${ch.kind ?? 'channel'}`,
      `Cách thức «${words.vi}» chưa có phí, lệ phí: hãy thêm mức thu, hoặc chọn «Miễn phí» nếu không thu.`,
      `The channel "${words.en}" states no fee: add one, or choose "Free" when nothing is charged.`,
    );
  }
  if (!filled(c.legalBasis))
    problem(
      'legal-basis',
      'Chưa có căn cứ pháp lý: hãy ghi ít nhất một văn bản quy định thủ tục.',
      'No legal basis yet: name at least one legal document the procedure rests on.',
    );
  return problems;
}
