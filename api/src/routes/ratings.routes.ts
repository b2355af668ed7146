/**
 * The satisfaction questionnaire (administrators publish versions) and rating at the counter: a receiving
 * officer opens a kiosk session on the counter's tablet, whose token (header `X-Kiosk-Token`, no cookie) lets
 * the tablet do one thing, rate its unit's dossiers with the codes printed on their receipts.
 */
import { createHash } from 'node:crypto';
import { Router, type Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Services } from '@motcua/domain/services.ts';
import { msg } from '@motcua/domain/errors/errors.ts';
import { answersSchema, questionnaireContentSchema, type QuestionnaireContent } from '@motcua/domain/dossiers/questionnaires.schemas.ts';
import { requireRole } from '../http/session.ts';
import { validBody } from '../http/validate.ts';
import { sharedRateLimit } from '../http/rate-limit.ts';

const level = { type: 'integer', enum: [1, 2, 3] };
const code = { type: 'string', minLength: 1, maxLength: 20 };
const codeSchema = { type: 'object', additionalProperties: false, required: ['code'], properties: { code } };
const counterRatingSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'overall'],
  properties: {
    code,
    overall: level,
    steps: {
      type: 'array',
      maxItems: 20,
      default: [],
      items: { type: 'object', additionalProperties: false, required: ['step', 'level'], properties: { step: { type: 'string', maxLength: 100 }, level } },
    },
    answers: answersSchema,
    comment: { type: 'string', maxLength: 2000 },
  },
};

const kioskToken = (req: Request) => req.get('x-kiosk-token') || undefined;

export function ratingRoutes(services: Services): Router {
  const r = Router();

  r.get('/admin/questionnaires', requireRole('administrator'), async (req, res) => {
    res.json({ items: await services.questionnaires.list(req.actor!) });
  });
  r.post('/admin/questionnaires', requireRole('administrator'), validBody(questionnaireContentSchema), async (req, res) => {
    res.status(201).json(await services.questionnaires.publish(req.actor!, req.body as QuestionnaireContent, { requestId: String(req.id) }));
  });

  r.post('/counter-rating/kiosks', requireRole('receiving_officer'), async (req, res) => {
    res.status(201).json(await services.counterRating.openKiosk(req.actor!));
  });
  r.get('/counter-rating/kiosk', async (req, res) => {
    const k = await services.counterRating.kiosk(kioskToken(req));
    res.json({ unitName: k.unitName, expiresAt: k.expiresAt });
  });
  r.delete('/counter-rating/kiosk', async (req, res) => {
    await services.counterRating.closeKiosk(kioskToken(req));
    res.status(204).end();
  });

  // wrong codes are counted per tablet (per address without one): a code cannot be found by trying
  const codeLimiter = sharedRateLimit(services.rateLimits, {
    name: 'rating_code',
    windowMs: 15 * 60_000,
    limit: 10,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => {
      const token = kioskToken(req);
      return token ? createHash('sha256').update(token).digest('hex') : ipKeyGenerator(req.ip ?? '');
    },
    code: 'too_many_attempts',
    message: msg(
      'Đã nhập sai mã quá nhiều lần. Vui lòng đợi 15 phút hoặc nhờ cán bộ tiếp nhận hỗ trợ.',
      'Too many wrong codes; wait 15 minutes or ask the receiving officer for help.',
    ),
  });
  r.post('/counter-rating/lookup', codeLimiter, validBody(codeSchema), async (req, res) => {
    res.json(await services.counterRating.lookUp(kioskToken(req), req.body.code));
  });
  r.post('/counter-rating/ratings', codeLimiter, validBody(counterRatingSchema), async (req, res) => {
    const { code: typed, ...input } = req.body;
    res.status(201).json(await services.counterRating.rate(kioskToken(req), typed, input));
  });

  return r;
}
