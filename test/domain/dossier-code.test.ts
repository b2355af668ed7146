/** The dossier code of TT 01/2018 Art. 19: format, Vietnamese date, and a gapless sequence under concurrency. */
import { expect } from 'chai';
import { DOSSIER_CODE_PATTERN, formatDossierCode, parseDossierCode, receiptDayStamp } from '@motcua/domain/dossiers/dossier-code.ts';
import { nextCodeSequence } from '@motcua/domain/dossiers/dossiers.repository.ts';
import { upsertOrgUnit } from '@motcua/domain/org-units/org-units.repository.ts';
import { platform } from '../support/platform.ts';

describe('the dossier code', function () {
  it('reads <agency code>-<YYMMDD>-<NNNN>, e.g. 000.00.27.H29-261123-0001', () => {
    const code = formatDossierCode('000.00.27.H29', new Date('2026-11-23T03:00:00Z'), 1);
    expect(code).to.equal('000.00.27.H29-261123-0001');
    expect(code).to.match(DOSSIER_CODE_PATTERN);
    expect(parseDossierCode(code)).to.deep.equal({ agencyCode: '000.00.27.H29', day: '261123', sequence: 1 });
  });

  it('takes the date of receipt in Vietnam: 23:30 UTC on the 22nd is the 23rd in Hồ Chí Minh City', () => {
    expect(receiptDayStamp(new Date('2026-11-22T23:30:00Z'))).to.equal('261123');
    expect(receiptDayStamp(new Date('2026-11-22T16:59:59Z'))).to.equal('261122');
    expect(receiptDayStamp(new Date('2026-11-22T17:00:00Z'))).to.equal('261123');
  });

  it('refuses a malformed agency code or a sequence beyond 9999', () => {
    expect(() => formatDossierCode('H29', new Date(), 1)).to.throw(RangeError);
    expect(() => formatDossierCode('000.00.27.H29', new Date(), 10_000)).to.throw(RangeError);
    expect(parseDossierCode('000.00.27.H29-261123-001')).to.equal(undefined);
  });

  it('numbers concurrent receptions of one unit and day without gaps, even when some roll back', async () => {
    const db = platform().db;
    const unit = await upsertOrgUnit({ db, unit: { name: 'Đơn vị thử số thứ tự', agencyCode: '000.00.92.H29', parentId: platform().demo!.city.id } });
    const receivedAt = new Date('2026-11-23T02:00:00Z');
    const attempts = Array.from({ length: 100 }, (_, i) => i);
    const results = await Promise.allSettled(
      attempts.map((i) =>
        db.transaction(async (tx) => {
          const n = await nextCodeSequence({ tx, orgUnitId: unit.id, receivedAt });
          if (i % 10 === 3) throw new Error('this reception fails and rolls back');
          return n;
        }),
      ),
    );
    const committed = results.filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled').map((r) => r.value);
    expect(committed).to.have.length(90);
    expect([...committed].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 90 }, (_, i) => i + 1));
    // another day of the same unit starts again at 1
    const nextDay = await db.transaction((tx) => nextCodeSequence({ tx, orgUnitId: unit.id, receivedAt: new Date('2026-11-24T02:00:00Z') }));
    expect(nextDay).to.equal(1);
  });
});
