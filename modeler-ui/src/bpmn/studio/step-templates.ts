/**
 * The ready-made steps of motcua's palette: each brings what the platform needs already wired (topic, or
 * candidate group, form reference, due-date expression and the SLA timers added by the SLA timers
 * behaviour). The ids follow the step keys the platform uses for allowances and variables.
 */
import type { StepKind } from '@motcua/domain/procedures/bpmn-steps.ts';
export interface UserStepTemplate {
  kind: 'user';
  id: string;
  /** the step kind the platform knows it by (motcua.stepKind) */
  stepKind: StepKind;
  role: 'receiving_officer' | 'specialist' | 'leader';
  formId: string;
  name: string;
  title: { vi: string; en: string };
}

export interface ExternalStepTemplate {
  kind: 'external';
  id: string;
  topic: string;
  name: string;
  title: { vi: string; en: string };
}

export type StepTemplate = UserStepTemplate | ExternalStepTemplate;

export const stepTemplates: StepTemplate[] = [
  {
    kind: 'user',
    id: 'reception',
    stepKind: 'reception',
    role: 'receiving_officer',
    formId: 'motcua-reception',
    name: 'Tiếp nhận hồ sơ',
    title: { vi: 'Bước tiếp nhận hồ sơ (một cửa)', en: 'Reception step (one-stop desk)' },
  },
  {
    kind: 'user',
    id: 'review',
    stepKind: 'review',
    role: 'specialist',
    formId: 'motcua-review',
    name: 'Thẩm định hồ sơ',
    title: { vi: 'Bước thẩm định của chuyên viên', en: 'Specialist review step' },
  },
  {
    kind: 'user',
    id: 'approval',
    stepKind: 'approval',
    role: 'leader',
    formId: 'motcua-approval',
    name: 'Phê duyệt kết quả',
    title: { vi: 'Bước phê duyệt của lãnh đạo', en: 'Leader approval step' },
  },
  {
    kind: 'user',
    id: 'handoff',
    stepKind: 'review',
    role: 'specialist',
    formId: 'motcua-review',
    name: 'Xử lý liên thông',
    title: { vi: 'Bước chuyển xử lý liên thông (ghi nhận ý kiến cơ quan phối hợp)', en: 'Inter-agency hand-off step (records the other agency’s answer)' },
  },
  {
    kind: 'external',
    id: 'sign',
    topic: 'signing',
    name: 'Ký số kết quả',
    title: { vi: 'Ký số kết quả (tự động)', en: 'Digital signing of the result (automatic)' },
  },
  {
    kind: 'external',
    id: 'return_result',
    topic: 'result-return',
    name: 'Trả kết quả',
    title: { vi: 'Trả kết quả (tự động)', en: 'Result return (automatic)' },
  },
];
