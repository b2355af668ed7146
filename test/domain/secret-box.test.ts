/**
 * The secret box keeps a secret at rest as a versioned AES-256-GCM envelope bound to its place: it opens with
 * its key in its place only, and an envelope altered in any part does not open.
 */
import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { createSecretBox, isSealed } from '@motcua/domain/accounts/secret-box.ts';

describe('the secret box', () => {
  const key = randomBytes(32).toString('base64');
  const box = createSecretBox(key);
  const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  it('seals a secret as v1:<iv>:<tag>:<ciphertext>, never the same twice, and opens it in its place', () => {
    const one = box.seal(secret, 'motcua.totp:a');
    const two = box.seal(secret, 'motcua.totp:a');
    expect(one).to.match(/^v1:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]+$/);
    expect(one).not.to.contain(secret).and.not.to.equal(two);
    expect(isSealed(one)).to.equal(true);
    expect(isSealed(secret)).to.equal(false);
    expect(box.open(one, 'motcua.totp:a')).to.equal(secret);
    expect(box.open(two, 'motcua.totp:a')).to.equal(secret);
  });

  it('does not open an envelope moved to another place, altered, or sealed under another key', () => {
    const sealed = box.seal(secret, 'motcua.totp:a');
    expect(() => box.open(sealed, 'motcua.totp:b')).to.throw(/does not open/);
    const [v, iv, tag, data] = sealed.split(':') as [string, string, string, string];
    const flip = (b64: string) => {
      const b = Buffer.from(b64, 'base64');
      b.writeUInt8(b.readUInt8(0) ^ 1, 0);
      return b.toString('base64');
    };
    for (const altered of [
      [v, flip(iv), tag, data],
      [v, iv, flip(tag), data],
      [v, iv, tag, flip(data)],
      [v, iv, tag.slice(4), data],
    ])
      expect(() => box.open(altered.join(':'), 'motcua.totp:a'), altered.join(':')).to.throw(/does not open/);
    expect(() => createSecretBox(randomBytes(32).toString('base64')).open(sealed, 'motcua.totp:a')).to.throw(/does not open/);
    expect(() => box.open(`v2:${iv}:${tag}:${data}`, 'motcua.totp:a')).to.throw(/not a v1/);
    expect(() => box.open(secret, 'motcua.totp:a')).to.throw(/not a v1/);
    expect(() => createSecretBox(randomBytes(16).toString('base64'))).to.throw(/32 bytes/);
  });
});
