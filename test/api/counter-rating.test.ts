/**
 * Rating at the counter (issue 14 §3) on the real engine: a counter dossier's receipt carries a one-time rating
 * code; a receiving officer opens a kiosk session on the counter's tablet; the applicant types the code there
 * and rates with the current questionnaire, which an administrator can replace by publishing a new version.
 */
import supertest from 'supertest';
import { expect } from 'chai';
import { vnDate } from '@motcua/domain/time/vietnam-time.ts';
import { api, login, type Session } from '../support/http.ts';
import { counterDossier as counterDossierOf, runToReturned as returned } from '../support/counter-rating.ts';
import { platform } from '../support/platform.ts';
import { startTestWorker } from '../support/workers.ts';
import type { WorkerHandle } from '../../engine-workers/src/worker.ts';

/** A tablet: no cookie, only the kiosk token. */
const tablet = (token: string | undefined) => {
  const agent = supertest(api());
  const withToken = (r: supertest.Test) => (token ? r.set('x-kiosk-token', token) : r);
  return {
    lookUp: (code: string) => withToken(agent.post('/api/counter-rating/lookup')).send({ code }),
    rate: (body: Record<string, unknown>) => withToken(agent.post('/api/counter-rating/ratings')).send(body),
    kiosk: () => withToken(agent.get('/api/counter-rating/kiosk')),
  };
};

describe('rating at the counter with the code of the receipt', function () {
  this.timeout(180_000);
  let worker: WorkerHandle;
  let desk: Session;
  let specialist: Session;
  let leader: Session;
  let admin: Session;
  let token: string;

  const counterDossier = () => counterDossierOf(desk);
  const runToReturned = (id: string) => returned({ desk, specialist, leader }, id);

  const satisfactionCount = async () => {
    const today = vnDate(new Date());
    const res = await leader.get(`/api/reports/satisfaction?from=${today}&to=${today}`).expect(200);
    return res.body.overall.ratings as number;
  };

  before(async () => {
    worker = startTestWorker();
    [desk, specialist, leader, admin] = await Promise.all([
      login('tiepnhan.benthanh'),
      login('chuyenvien.benthanh'),
      login('lanhdao.benthanh'),
      login('quantri'),
    ]);
    const opened = await desk.post('/api/counter-rating/kiosks').expect(201);
    token = opened.body.token;
    expect(token).to.match(/^[A-Za-z0-9_-]{40,}$/);
  });
  after(() => worker.stop());

  it('opens a kiosk only for a receiving officer, and the tablet works with its token alone', async () => {
    const citizen = await login('congdan');
    expect((await citizen.post('/api/counter-rating/kiosks')).body.code).to.equal('role_not_allowed');
    const none = await tablet(undefined).lookUp('ABCD-EFGH');
    expect(none.status).to.equal(401);
    expect(none.body.code).to.equal('kiosk_session_invalid');
    expect(none.body.title ?? none.body.detail).to.be.a('string');
    const kiosk = await tablet(token).kiosk().expect(200);
    expect(kiosk.body.unitName).to.be.a('string').and.not.equal('');
  });

  let first: { id: string; code: string };

  it('rates a counter dossier run to its returned result with the code of its receipt, once', async () => {
    // given a counter dossier, whose receipt says how to rate
    first = await counterDossier();
    const { receipt } = first as { receipt?: string } & typeof first;
    expect(receipt).to.contain('máy tính bảng «Đánh giá tại quầy»');
    // the code is kept only as a hash
    const stored = await platform().db('dossier_rating_codes').where({ dossier_id: first.id }).first();
    expect(stored.code_hash).to.match(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).to.not.contain(first.code);
    expect(stored.expires_at).to.equal(null);

    // when it is not yet returned, the code does not open the rating
    const early = await tablet(token).lookUp(first.code);
    expect(early.status).to.equal(409);
    expect(early.body.code).to.equal('rating_not_open');

    // when the result is returned
    await runToReturned(first.id);
    const returned = await platform().db('dossiers').where({ id: first.id }).first('returned_at');
    const codeRow = await platform().db('dossier_rating_codes').where({ dossier_id: first.id }).first();
    expect(codeRow.expires_at.getTime() - returned.returned_at.getTime()).to.equal(90 * 86_400_000);
    const before = await satisfactionCount();

    // then the tablet shows the procedure and its steps (typed in lower case, without the dash) and nothing personal
    const shown = await tablet(token).lookUp(first.code.toLowerCase().replace('-', ' '));
    expect(shown.status, JSON.stringify(shown.body)).to.equal(200);
    expect(shown.body.procedureName).to.contain('khai sinh');
    expect(shown.body.steps.map((s: { step: string }) => s.step)).to.include.members(['review', 'approval']);
    expect(JSON.stringify(shown.body)).to.not.contain('Đinh Thị Hoa');
    expect(shown.body.questionnaire.version).to.be.a('number');

    // and the applicant rates
    const rated = await tablet(token).rate({
      code: first.code,
      overall: 3,
      steps: [
        { step: 'review', level: 3 },
        { step: 'approval', level: 2 },
      ],
      comment: 'Cán bộ nhiệt tình',
    });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    const row = await platform().db('dossier_ratings').where({ dossier_id: first.id }).first();
    expect(row.channel).to.equal('counter');
    expect(row.overall).to.equal(3);
    expect(row.questionnaire_version).to.equal(shown.body.questionnaire.version);
    expect(row.steps.find((s: { step: string }) => s.step === 'review').officerId).to.be.a('string');
    expect((await platform().db('dossier_rating_codes').where({ dossier_id: first.id }).first()).used_at).to.be.an.instanceOf(Date);
    // the satisfaction report counts it
    expect(await satisfactionCount()).to.equal(before + 1);

    // and the code is refused a second time
    const again = await tablet(token).rate({ code: first.code, overall: 1 });
    expect(again.status).to.equal(409);
    expect(again.body.code).to.equal('rating_code_used');
    expect((await tablet(token).lookUp(first.code)).body.code).to.equal('rating_code_used');
    expect(await satisfactionCount()).to.equal(before + 1);
  });

  it('refuses a wrong code and an expired one, each with its own problem', async () => {
    const wrong = await tablet(token).lookUp('2345-6789');
    expect(wrong.status).to.equal(404);
    expect(wrong.headers['content-type']).to.contain('application/problem+json');
    expect(wrong.body.code).to.equal('rating_code_invalid');
    expect((await tablet(token).lookUp('not a code')).body.code).to.equal('rating_code_invalid');

    const d = await counterDossier();
    await runToReturned(d.id);
    // ninety-one days later
    await platform()
      .db('dossier_rating_codes')
      .where({ dossier_id: d.id })
      .update({ expires_at: new Date(Date.now() - 86_400_000) });
    const expired = await tablet(token).rate({ code: d.code, overall: 2 });
    expect(expired.status).to.equal(409);
    expect(expired.body.code).to.equal('rating_code_expired');
    expect(await platform().db('dossier_ratings').where({ dossier_id: d.id }).first()).to.equal(undefined);
  });

  it('counts wrong codes per tablet and stops them after ten', async () => {
    const other = (await desk.post('/api/counter-rating/kiosks').expect(201)).body.token as string;
    for (let i = 0; i < 10; i++) expect((await tablet(other).lookUp(`2345-678${i}`)).status).to.equal(404);
    const limited = await tablet(other).lookUp('2345-6799');
    expect(limited.status).to.equal(429);
    expect(limited.body.code).to.equal('too_many_attempts');
    // another tablet is not held back
    expect((await tablet(token).lookUp('2345-6799')).status).to.equal(404);
  });

  it('uses a version an administrator publishes for the next rating; older ratings keep theirs', async () => {
    const current = (await admin.get('/api/admin/questionnaires').expect(200)).body.items[0];
    // an officer may not publish, and a version must be whole
    expect((await desk.post('/api/admin/questionnaires').send(current.content)).status).to.equal(403);
    const invalid = await admin.post('/api/admin/questionnaires').send({ ...current.content, extra: [{ key: 'Bad Key', scale: 'maybe', text: { vi: '' } }] });
    expect(invalid.status).to.equal(400);
    expect(invalid.body.code).to.equal('request_invalid');

    const next = {
      ...current.content,
      extra: [
        { key: 'guided', scale: 'yes_no', text: { vi: 'Cán bộ có hướng dẫn đầy đủ?', en: 'Did the officer guide you fully?' } },
        { key: 'waiting', scale: 'levels', text: { vi: 'Thời gian chờ tại quầy', en: 'Waiting time at the counter' } },
      ],
      comment: { asked: false, text: current.content.comment.text },
    };
    const published = await admin.post('/api/admin/questionnaires').send(next);
    expect(published.status, JSON.stringify(published.body)).to.equal(201);
    expect(published.body.version).to.equal(current.version + 1);
    // logged in the administration log, and immutable
    const logged = await platform().db('admin_audit_log').where({ entity: 'questionnaire', action: 'published' }).orderBy('id', 'desc').first();
    expect(logged.after.version).to.equal(current.version + 1);
    let refused: unknown;
    await platform()
      .db('rating_questionnaires')
      .where({ version: current.version })
      .update({ content: JSON.stringify(next) })
      .catch((e: unknown) => (refused = e));
    expect(String(refused)).to.contain('cannot be changed');

    const d = await counterDossier();
    await runToReturned(d.id);
    const shown = await tablet(token).lookUp(d.code).expect(200);
    expect(shown.body.questionnaire.version).to.equal(current.version + 1);
    expect(shown.body.questionnaire.content.extra.map((x: { key: string }) => x.key)).to.deep.equal(['guided', 'waiting']);
    // answers must fit the questions, and this version asks no comment
    const misfit = await tablet(token).rate({ code: d.code, overall: 3, answers: { guided: 3 } });
    expect(misfit.body.code).to.equal('rating_answers_invalid');
    const noComment = await tablet(token).rate({ code: d.code, overall: 3, comment: 'x' });
    expect(noComment.body.code).to.equal('rating_comment_not_asked');
    // (refused ratings leave the code unspent)
    const rated = await tablet(token).rate({ code: d.code, overall: 2, answers: { guided: 'yes', waiting: 1 } });
    expect(rated.status, JSON.stringify(rated.body)).to.equal(201);
    const row = await platform().db('dossier_ratings').where({ dossier_id: d.id }).first();
    expect(row.questionnaire_version).to.equal(current.version + 1);
    expect(row.answers).to.deep.equal({ guided: 'yes', waiting: 1 });
    // the first rating keeps the version it answered
    expect((await platform().db('dossier_ratings').where({ dossier_id: first.id }).first()).questionnaire_version).to.equal(current.version);
    // the questions of before come back as a version of their own (the suites after this one rate with a comment)
    const restored = await admin.post('/api/admin/questionnaires').send(current.content);
    expect(restored.status, JSON.stringify(restored.body)).to.equal(201);
    expect(restored.body.version).to.equal(current.version + 2);
  });
});
