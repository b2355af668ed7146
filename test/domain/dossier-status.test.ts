/** The ten statuses and the transitions between them (DOMAIN.md §4). */
import { expect } from 'chai';
import { ConflictError } from '@motcua/domain/errors/errors.ts';
import { DossierStatus, allowedTransitions, assertTransition, isTransitionAllowed } from '@motcua/domain/dossiers/dossier-status.ts';

const S = DossierStatus;

describe('dossier statuses', function () {
  const allowed: [number, number][] = [
    [S.Submitted, S.Received],
    [S.Submitted, S.NotAccepted],
    [S.Submitted, S.SupplementRequested],
    [S.Received, S.InHandling],
    [S.InHandling, S.SupplementRequested],
    [S.InHandling, S.Decided],
    [S.SupplementRequested, S.Submitted],
    [S.Decided, S.Returned],
  ];
  for (const [from, to] of allowed) {
    it(`allows ${from} → ${to}`, () => expect(isTransitionAllowed(from as DossierStatus, to as DossierStatus)).to.equal(true));
  }

  const forbidden: [number, number][] = [
    [S.Submitted, S.Decided],
    [S.Returned, S.InHandling],
    [S.NotAccepted, S.Received],
    [S.Decided, S.SupplementRequested],
    [S.Withdrawn, S.Submitted],
  ];
  for (const [from, to] of forbidden) {
    it(`forbids ${from} → ${to} with a 409 dossier_status_conflict in both languages`, () => {
      try {
        assertTransition(from as DossierStatus, to as DossierStatus);
        expect.fail('allowed');
      } catch (e) {
        expect(e).to.be.instanceOf(ConflictError);
        expect((e as ConflictError).code).to.equal('dossier_status_conflict');
        expect((e as ConflictError).messages.vi).to.contain('không thể chuyển');
      }
    });
  }

  it('ends in 3, 7, 8 and 10', () => {
    for (const s of [S.NotAccepted, S.Withdrawn, S.Stopped, S.Returned]) expect(allowedTransitions[s]).to.deep.equal([]);
  });
});
