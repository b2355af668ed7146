/** npm start's mail catcher: a real SMTP server that keeps every mail as a .eml file instead of sending it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { EmailChannel } from '@motcua/domain/notifications/channels.ts';
import { startMailCatcher } from '../../platform/src/mail-catcher.ts';

describe("npm start's mail catcher", () => {
  it('keeps the mail motcua sends as a .eml file under the data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-mail-'));
    const catcher = await startMailCatcher({ port: 0, dir });
    const channel = new EmailChannel({ smtpUrl: catcher.url, from: 'Một cửa <khong-tra-loi@motcua.local>', timeoutMs: 5_000 });
    try {
      await channel.send({ deliveryId: '6f1f3c5e-0000-4000-8000-000000000001', to: 'dan@example.vn', subject: 'Hồ sơ đã được tiếp nhận', text: 'Kính gửi' });
      const files = fs.readdirSync(dir);
      expect(files).to.have.length(1);
      expect(files[0])
        .to.contain('dan@example.vn')
        .and.match(/\.eml$/);
      const eml = fs.readFileSync(path.join(dir, files[0]!), 'utf8');
      expect(eml).to.contain('Message-ID: <6f1f3c5e-0000-4000-8000-000000000001@127.0.0.1>').and.contain('To: dan@example.vn');
    } finally {
      channel.close();
      await catcher.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
