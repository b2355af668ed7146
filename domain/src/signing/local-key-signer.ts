/**
 * A signer holding its key in a local PEM file: the development certificate generated at first start, or a
 * real key where an operator accepts a software key. Production HSM / remote signers implement `Signer` too.
 */
import { createPrivateKey, sign as cryptoSign, type KeyObject, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import { cadesDetached, type KeyAlgorithm } from './cades.ts';
import type { Signer, SignerIdentity } from './signer.ts';

function pemBlocks(pem: string, label: string): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...pem.matchAll(re)].map((m) => Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64'));
}

export class LocalKeySigner implements Signer {
  private readonly key: KeyObject;
  private readonly chain: Buffer[];
  private readonly algorithm: KeyAlgorithm;
  private readonly id: SignerIdentity;

  constructor(keyPem: string, chainPem: string) {
    this.key = createPrivateKey(keyPem);
    this.chain = pemBlocks(chainPem, 'CERTIFICATE');
    if (!this.chain.length) throw new Error('the certificate file holds no certificate');
    const type = this.key.asymmetricKeyType;
    if (type !== 'rsa' && type !== 'ec') throw new Error(`unsupported signing key type ${type}`);
    this.algorithm = type === 'rsa' ? 'rsa' : 'ecdsa';
    const cert = new X509Certificate(this.chain[0]!);
    if (!cert.checkPrivateKey(this.key)) throw new Error('the signing key does not match the certificate');
    this.id = {
      subject: cert.subject.replace(/\n/g, ', '),
      issuer: cert.issuer.replace(/\n/g, ', '),
      serialNumber: cert.serialNumber,
      certificates: this.chain,
    };
  }

  static fromFiles(keyFile: string, certFile: string): LocalKeySigner {
    return new LocalKeySigner(fs.readFileSync(keyFile, 'utf8'), fs.readFileSync(certFile, 'utf8'));
  }

  identity(): SignerIdentity {
    return this.id;
  }

  signDetached(content: Buffer): Promise<Buffer> {
    return cadesDetached(content, this.chain, this.algorithm, async (data) =>
      cryptoSign('sha256', data, this.algorithm === 'ecdsa' ? { key: this.key, dsaEncoding: 'der' } : this.key),
    );
  }
}
