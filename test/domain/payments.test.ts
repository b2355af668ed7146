/** The pure parts of payment: the fee a schedule charges, and VNPAY 2.1.0's signing and reading. */
import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { computeFee, formatDong, type FeeSchedule } from '@motcua/domain/payments/fees.ts';
import { parseVnpDate, payUrl, phpUrlencode, readResult, secureHash, signedData, verifySignature, vnpDate } from '@motcua/domain/payments/vnpay.ts';

const schedule: FeeSchedule = {
  payAt: 'before_return',
  items: [
    { code: 'ban_sao', name: 'Phí bản sao', amount: 8000, per: 'copy', quantityPath: 'extract.copies' },
    { code: 'tham_dinh', name: 'Phí thẩm định', amount: 50_000, per: 'dossier', channels: ['in_person', 'postal'] },
    { code: 'nha_o', name: 'Lệ phí nhà ở', amount: 40_000, per: 'dossier', when: { path: 'kind', equals: 'nha_o' } },
  ],
  exemptions: [{ code: 'ho_ngheo', name: 'Hộ nghèo', evidence: 'Giấy chứng nhận hộ nghèo' }],
};

describe('fee schedules', () => {
  it('charges per copy from the application, per dossier on its channels, and a case only when it applies', () => {
    const q = computeFee(schedule, { extract: { copies: 3 }, kind: 'nha_o' }, 'online');
    expect(q.lines.map((l) => [l.code, l.quantity, l.amount])).to.deep.equal([
      ['ban_sao', 3, 24_000],
      ['nha_o', 1, 40_000],
    ]);
    expect(q.total).to.equal(64_000);
    expect(computeFee(schedule, { extract: { copies: 1 } }, 'in_person').total).to.equal(58_000);
  });
  it('counts at least one whole copy when the number is missing or odd', () => {
    expect(computeFee(schedule, {}, 'online').lines[0]!.quantity).to.equal(1);
    expect(computeFee(schedule, { extract: { copies: 2.7 } }, 'online').lines[0]!.quantity).to.equal(2);
    expect(computeFee(schedule, { extract: { copies: -4 } }, 'online').lines[0]!.quantity).to.equal(1);
  });
  it('writes đồng with Vietnamese grouping', () => {
    expect(formatDong(1_234_000)).to.equal('1.234.000 đ');
    expect(formatDong(0)).to.equal('0 đ');
  });
});

describe('VNPAY 2.1.0', () => {
  const secret = 'SECRETKEY0123456789';
  it('encodes as PHP urlencode does: space as +, and ~ ! * ( ) encoded', () => {
    expect(phpUrlencode('Thanh toan GD:1 ~!*()')).to.equal('Thanh+toan+GD%3A1+%7E%21%2A%28%29');
    expect(phpUrlencode('Lệ phí')).to.equal('L%E1%BB%87+ph%C3%AD');
  });
  it('signs the sorted vnp_ parameters but the hash, HMAC-SHA512 in hex', () => {
    const params = { vnp_TxnRef: '1', vnp_Amount: '800000', vnp_SecureHashType: 'HmacSHA512', vnp_OrderInfo: 'a b', other: 'x' };
    expect(signedData(params)).to.equal('vnp_Amount=800000&vnp_OrderInfo=a+b&vnp_TxnRef=1');
    expect(secureHash(params, secret)).to.equal(createHmac('sha512', secret).update('vnp_Amount=800000&vnp_OrderInfo=a+b&vnp_TxnRef=1').digest('hex'));
  });
  it('makes a redirect whose parameters verify, with the amount × 100 and dates in GMT+7', () => {
    const url = payUrl({
      tmnCode: 'MOTCUA01',
      secret,
      payUrl: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html',
      txnRef: '261130ABCDEF',
      amount: 16_000,
      orderInfo: 'Thanh toan phi ho so 000.00.27.H29-261130-0001',
      returnUrl: 'https://motcua.vn/thanh-toan/ket-qua',
      ipAddr: '10.0.0.1',
      locale: 'vn',
      createdAt: new Date('2026-11-30T08:00:00Z'),
      expiresAt: new Date('2026-11-30T08:15:00Z'),
    });
    const params = Object.fromEntries(new URL(url).searchParams) as Record<string, string>;
    expect(params).to.include({
      vnp_Version: '2.1.0',
      vnp_Command: 'pay',
      vnp_Amount: '1600000',
      vnp_CurrCode: 'VND',
      vnp_OrderType: 'other',
      vnp_CreateDate: '20261130150000',
      vnp_ExpireDate: '20261130151500',
    });
    expect(verifySignature(params, secret)).to.equal(true);
    expect(verifySignature({ ...params, vnp_Amount: '100' }, secret)).to.equal(false);
    expect(verifySignature(params, 'another secret')).to.equal(false);
    expect(verifySignature({ ...params, vnp_SecureHash: 'zz' }, secret)).to.equal(false);
  });
  it('reads a result: success only with both codes 00, amounts back in đồng', () => {
    expect(readResult({ vnp_Amount: '1600000', vnp_ResponseCode: '00', vnp_TransactionStatus: '00' })).to.include({ amount: 16_000, succeeded: true });
    expect(readResult({ vnp_Amount: '1600000', vnp_ResponseCode: '24', vnp_TransactionStatus: '02' }).succeeded).to.equal(false);
    expect(readResult({ vnp_Amount: '1600050' }).amount).to.be.NaN;
    expect(vnpDate(parseVnpDate('20261130235959')!)).to.equal('20261130235959');
    expect(parseVnpDate('2026-11-30')).to.equal(undefined);
  });
});
