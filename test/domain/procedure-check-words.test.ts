/** A problem of a draft's catalogue data names its field in the studio's words, never by its JSON path. */
import { expect } from 'chai';
import { checkVersion, placeInWords } from '@motcua/domain/procedures/procedure-check.ts';

describe('catalogue problems in words', () => {
  it('names a field by the labels of the studio, numbering list items from 1', () => {
    expect(placeInWords('/catalogue/channels/0/fees/1/amount')).to.deep.equal({
      vi: 'Cách thức 1 › Phí, lệ phí 2 › Mức thu (đồng)',
      en: 'Channel 1 › Fee 2 › Amount (đồng)',
    });
    expect(placeInWords('/catalogue/channels/1/timeLimit/value').vi).to.equal('Cách thức 2 › Thời hạn');
    expect(placeInWords('/catalogue/documents/2/name').vi).to.equal('Thành phần hồ sơ 3 › Tên');
    expect(placeInWords('/catalogue/implementingAgency').vi).to.equal('Cơ quan thực hiện');
  });

  it('says what is wrong with a draft in words, without any path or key', async () => {
    const problems = await checkVersion({
      bpmnXml: '',
      applicationFormId: null,
      forms: {},
      timeLimit: { value: 3, unit: 'working_days' },
      stepAllowances: {},
      resultTemplate: null,
      procedureData: {
        name: 'Thủ tục thử',
        nameEn: null,
        field: 'Hộ tịch',
        catalogue: {
          level: 'Cấp xã',
          implementingAgency: '',
          applicants: ['Công dân Việt Nam'],
          onlineLevel: 'toan_trinh',
          channels: [{ kind: 'online', timeLimit: { value: 3, unit: 'working_days' }, fees: [{ name: 'Lệ phí', amount: -5 }] }],
          documents: [],
          result: 'Trích lục',
          legalBasis: ['Luật Hộ tịch năm 2014'],
        },
      },
    } as unknown as Parameters<typeof checkVersion>[0]);
    const catalogue = problems.filter((p) => p.rule === 'motcua/catalogue').map((p) => p.message.vi);
    expect(catalogue).to.include('Thông tin thủ tục – Cơ quan thực hiện: chưa nhập');
    expect(catalogue).to.include('Thông tin thủ tục – Cách thức 1 › Phí, lệ phí 1 › Mức thu (đồng): vượt giới hạn cho phép');
    for (const m of problems.map((p) => p.message.vi)) expect(m).to.not.match(/\/[a-z]+\/|catalogue|implementingAgency|\bamount\b/);
  });
});
