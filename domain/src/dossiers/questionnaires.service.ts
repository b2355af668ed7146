/**
 * Versions of the satisfaction questionnaire. The highest version is the current one: the citizen's form and
 * the counter's tablet render it, and each rating keeps the version it answered. An administrator publishes a
 * new version (logged in the administration log); a published version is never changed (the database refuses).
 */
import type { Account } from '../accounts/accounts.repository.ts';
import { recordChange } from '../audit/admin-audit.repository.ts';
import type { Db, DbOrTx } from '../db/db.ts';
import { InputError, NotAllowedError, msg } from '../errors/errors.ts';
import { moduleLogger } from '../logging/logger.ts';
import type { Answer, Questionnaire, QuestionnaireContent } from './questionnaires.schemas.ts';

const log = moduleLogger('questionnaires');

interface DbQuestionnaireRow {
  version: number;
  content: QuestionnaireContent;
  published_at: Date;
  published_by: string | null;
  published_by_name: string | null;
}

const toQuestionnaire = (r: DbQuestionnaireRow): Questionnaire => ({
  version: r.version,
  content: r.content,
  publishedAt: r.published_at,
  publishedBy: r.published_by ? { id: r.published_by, name: r.published_by_name ?? '' } : null,
});

const rows = (db: DbOrTx) =>
  db('rating_questionnaires as q')
    .leftJoin('accounts as a', 'a.id', 'q.published_by')
    .select('q.version', 'q.content', 'q.published_at', 'q.published_by', 'a.full_name as published_by_name');

export async function currentQuestionnaire(db: DbOrTx): Promise<Questionnaire> {
  const row = (await rows(db).orderBy('q.version', 'desc').first()) as DbQuestionnaireRow | undefined;
  if (!row) throw new Error('no questionnaire version: the migration seeds version 1');
  return toQuestionnaire(row);
}

/**
 * The answers to a version's extra questions, checked against it: every answer to one of its questions and on
 * its scale; a question left out is not answered.
 * @throws InputError `rating_answers_invalid`
 */
export function checkAnswers(q: QuestionnaireContent, answers: Record<string, Answer>): void {
  const problems = Object.entries(answers).flatMap(([key, a]) => {
    const question = q.extra.find((x) => x.key === key);
    const fits = question && (question.scale === 'yes_no' ? a === 'yes' || a === 'no' : a === 1 || a === 2 || a === 3);
    return fits
      ? []
      : [
          {
            field: `answers.${key}`,
            code: question ? 'rating.answer_scale' : 'rating.question_unknown',
            message: question
              ? msg(`Câu trả lời cho «${question.text.vi}» không hợp lệ.`, `The answer to "${question.text.en}" is not valid.`)
              : msg('Câu hỏi không có trong phiếu đánh giá.', 'No such question in the questionnaire.'),
          },
        ];
  });
  if (problems.length)
    throw new InputError('rating_answers_invalid', msg('Câu trả lời không khớp với phiếu đánh giá.', 'The answers do not fit the questionnaire.'), problems);
}

export function createQuestionnairesService({ db }: { db: Db }) {
  function requireAdmin(actor: Account): void {
    if (actor.role !== 'administrator')
      throw new NotAllowedError('not_allowed', msg('Chỉ quản trị viên được ban hành phiếu đánh giá.', 'Only administrators publish questionnaires.'));
  }

  /** Every version, newest first (administrators). */
  async function list(actor: Account): Promise<Questionnaire[]> {
    requireAdmin(actor);
    return ((await rows(db).orderBy('q.version', 'desc')) as DbQuestionnaireRow[]).map(toQuestionnaire);
  }

  /**
   * Publishes a new version, which becomes the current one at once. Cannot be undone: a later version replaces it.
   * @throws NotAllowedError `not_allowed`; InputError `questionnaire_keys_repeated`
   */
  async function publish(actor: Account, content: QuestionnaireContent, ctx: { requestId?: string } = {}): Promise<Questionnaire> {
    requireAdmin(actor);
    const keys = content.extra.map((x) => x.key);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    if (repeated.length)
      throw new InputError(
        'questionnaire_keys_repeated',
        msg('Mỗi câu hỏi thêm phải có một mã riêng.', 'Each extra question needs its own key.'),
        repeated.map((k) => ({ field: `extra.${k}`, code: 'questionnaire.key_repeated', message: msg('Mã câu hỏi bị trùng.', 'Repeated key.') })),
      );
    const clean: QuestionnaireContent = {
      overall: trimText(content.overall),
      rateSteps: content.rateSteps,
      stepsText: trimText(content.stepsText),
      extra: content.extra.map((x) => ({ key: x.key, scale: x.scale, text: trimText(x.text) })),
      comment: { asked: content.comment.asked, text: trimText(content.comment.text) },
    };
    const version = await db.transaction(async (tx) => {
      // one publisher at a time: the next number is taken under the table's lock
      await tx.raw('lock table rating_questionnaires in share row exclusive mode');
      const { max } = (await tx('rating_questionnaires').max('version as max').first()) as { max: number | null };
      const next = (max ?? 0) + 1;
      const before = await currentQuestionnaire(tx);
      const [{ id }] = await tx('rating_questionnaires')
        .insert({ version: next, content: JSON.stringify(clean), published_by: actor.id })
        .returning('id');
      await recordChange({
        db: tx,
        change: {
          actor,
          entity: 'questionnaire',
          entityId: id,
          action: 'published',
          before: { version: before.version, content: before.content },
          after: { version: next, content: clean },
          requestId: ctx.requestId,
        },
      });
      return next;
    });
    log.info({ action: 'questionnaire_published', version, by: actor.id }, 'questionnaire version published');
    return toQuestionnaire((await rows(db).where('q.version', version).first()) as DbQuestionnaireRow);
  }

  return { current: () => currentQuestionnaire(db), list, publish };
}

const trimText = (t: { vi: string; en: string }) => ({ vi: t.vi.trim(), en: t.en.trim() });

export type QuestionnairesService = ReturnType<typeof createQuestionnairesService>;
