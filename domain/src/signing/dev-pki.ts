/**
 * Development PKI, generated once under DATA_DIR/pki: a "motcua development CA" and an agency signing
 * certificate issued by it (RSA-2048, SHA-256). Signatures made with it verify (integrity, signer, time);
 * their chain is, rightly, not trusted by anyone else.
 */
import { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import 'reflect-metadata'; // @peculiar/x509 resolves its services through tsyringe, which needs it
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };

export interface DevPkiFiles {
  keyFile: string;
  certFile: string;
  caCertFile: string;
}

function toPem(der: ArrayBuffer, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64.replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Creates the development CA and signing certificate unless they exist. Returns their paths. Safe when several
 * processes sharing DATA_DIR (the api, the workers) start at once: each writes its set into its own temporary
 * directory; the first to link its key into place wins and moves its chain after it, the others wait for the
 * winner's chain and use it, so a key never sits beside another process's certificate.
 */
export async function ensureDevPki(dir: string, agencyName = 'Ủy ban nhân dân Thành phố Hồ Chí Minh'): Promise<DevPkiFiles> {
  const files = { keyFile: path.join(dir, 'signing-key.pem'), certFile: path.join(dir, 'signing-chain.pem'), caCertFile: path.join(dir, 'dev-ca.pem') };
  if (fs.existsSync(files.keyFile) && fs.existsSync(files.certFile)) return files;
  // only the key's own directory is private: a recursive mkdir would make every new parent 0700 too
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (fs.existsSync(files.keyFile)) {
    // another process is moving its chain into place; a key left alone (a crash in between) is made again
    for (let i = 0; i < 50 && !fs.existsSync(files.certFile); i++) await sleep(100);
    if (fs.existsSync(files.certFile)) return files;
    fs.rmSync(files.keyFile, { force: true });
  }
  const made = await makeDevPki(agencyName);
  const tmp = fs.mkdtempSync(path.join(dir, '.new-'));
  const at = (f: string) => path.join(tmp, path.basename(f));
  fs.writeFileSync(at(files.keyFile), made.key, { mode: 0o600 });
  fs.writeFileSync(at(files.certFile), made.chain);
  fs.writeFileSync(at(files.caCertFile), made.ca);
  try {
    fs.linkSync(at(files.keyFile), files.keyFile);
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return ensureDevPki(dir, agencyName);
  }
  fs.renameSync(at(files.caCertFile), files.caCertFile);
  fs.renameSync(at(files.certFile), files.certFile);
  fs.rmSync(tmp, { recursive: true, force: true });
  return files;
}

/** A development CA and a signing certificate it issued in the agency's name, as PEM. */
async function makeDevPki(agencyName: string): Promise<{ key: string; chain: string; ca: string }> {
  const now = new Date();
  const notBefore = new Date(now.getTime() - 24 * 3600_000);
  const caKeys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=motcua Development CA, O=motcua (development only), C=VN',
    notBefore,
    notAfter: new Date(now.getTime() + 10 * 365 * 24 * 3600_000),
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1'),
    // as JSON, not text: a unit's name may hold commas ("Phòng Cảnh sát phòng cháy, chữa cháy ...")
    subject: [{ CN: [agencyName] }, { O: [agencyName] }, { L: ['Hồ Chí Minh'] }, { C: ['VN'] }],
    issuer: ca.subject,
    notBefore,
    notAfter: new Date(now.getTime() + 5 * 365 * 24 * 3600_000),
    signingKey: caKeys.privateKey,
    publicKey: keys.publicKey,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { key: toPem(pkcs8, 'PRIVATE KEY'), chain: cert.toString('pem') + '\n' + ca.toString('pem') + '\n', ca: ca.toString('pem') + '\n' };
}
