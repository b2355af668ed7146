/** The ten statuses and every transition between them, allowed or not (DOMAIN.md §4). */
import { expect } from 'chai';
import { ConflictError } from '@motcua/domain/errors/errors.ts';
import { DossierStatus, allowedTransitions, assertTransition, isTransitionAllowed, statusNames } from '@motcua/domain/dossiers/dossier-status.ts';

const S = DossierStatus;

/** Why each transition exists; every pair not listed here must be refused. */
const allowed: [DossierStatus, DossierStatus, string][] = [
  [S.Submitted, S.Received, 'the one-stop desk accepts it and gives the code'],
  [S.Submitted, S.NotAccepted, 'the one-stop desk refuses it (form 03)'],
  [S.Submitted, S.SupplementRequested, 'the one-stop desk asks for a supplement (form 02)'],
  [S.Submitted, S.Withdrawn, 'the applicant withdraws it'],
  [S.Received, S.InHandling, 'a specialist takes the first handling step'],
  [S.Received, S.SupplementRequested, 'a supplement is asked for before handling starts'],
  [S.Received, S.AwaitingPayment, 'the procedure charges its fee before handling starts'],
  [S.Received, S.NotAccepted, 'it turns out not eligible before handling'],
  [S.Received, S.Withdrawn, 'the applicant withdraws it'],
  [S.Received, S.Stopped, 'processing is stopped'],
  [S.InHandling, S.SupplementRequested, 'a supplement is asked for during handling, through the one-stop desk'],
  [S.InHandling, S.AwaitingPayment, 'the applicant must pay first'],
  [S.InHandling, S.NotAccepted, 'refused during handling, through the one-stop desk'],
  [S.InHandling, S.Decided, 'the result is signed'],
  [S.InHandling, S.Withdrawn, 'the applicant withdraws it'],
  [S.InHandling, S.Stopped, 'processing is stopped'],
  [S.SupplementRequested, S.Submitted, 'the applicant supplies what was missing'],
  [S.SupplementRequested, S.Withdrawn, 'the applicant withdraws instead'],
  [S.SupplementRequested, S.Stopped, 'the time to supplement ran out'],
  [S.AwaitingPayment, S.InHandling, 'paid: handling resumes'],
  [S.AwaitingPayment, S.Withdrawn, 'the applicant withdraws instead of paying'],
  [S.AwaitingPayment, S.Stopped, 'processing is stopped'],
  [S.Decided, S.Returned, 'the result is delivered'],
];

const all = Object.values(S) as DossierStatus[];

describe('dossier statuses', function () {
  for (const from of all) {
    for (const to of all) {
      const reason = allowed.find(([f, t]) => f === from && t === to)?.[2];
      if (reason) {
        it(`allows ${from} → ${to}: ${reason}`, () => {
          expect(isTransitionAllowed(from, to)).to.equal(true);
          expect(() => assertTransition(from, to)).not.to.throw();
        });
      } else {
        it(`forbids ${from} → ${to} («${statusNames[from].vi}» → «${statusNames[to].vi}») with a 409 dossier_status_conflict`, () => {
          expect(isTransitionAllowed(from, to)).to.equal(false);
          try {
            assertTransition(from, to);
            expect.fail('allowed');
          } catch (e) {
            expect(e).to.be.instanceOf(ConflictError);
            expect((e as ConflictError).code).to.equal('dossier_status_conflict');
            expect((e as ConflictError).messages.vi).to.contain('không thể chuyển');
            expect((e as ConflictError).messages.en).to.contain('cannot become');
          }
        });
      }
    }
  }

  it('ends in 3, 7, 8 and 10', () => {
    for (const s of [S.NotAccepted, S.Withdrawn, S.Stopped, S.Returned]) expect(allowedTransitions[s]).to.deep.equal([]);
  });
});
