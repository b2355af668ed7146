/** The architecture as import boundaries, enforced by the lint that `npm test` runs (eslint.config.js). */
import { expect } from 'chai';
import { ESLint } from 'eslint';
import { repoRoot } from '@motcua/domain/config/config.ts';

describe('the import boundaries', function () {
  const eslint = new ESLint({ cwd: repoRoot });
  const refusals = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it('keep the domain free of the api, the workers, the UI and HTTP', async () => {
    expect(await refusals('domain/src/x.ts', "import { createApp } from '../../api/src/app.ts';\nexport const a = createApp;")).to.have.length(1);
    expect(
      await refusals('domain/src/x.ts', "import { startWorker } from '../../engine-workers/src/worker.ts';\nexport const a = startWorker;"),
    ).to.have.length(1);
    expect(await refusals('domain/src/x.ts', "import express from 'express';\nexport const a = express;")).to.have.length(1);
    expect(await refusals('domain/src/x.ts', "import { msg } from './errors/errors.ts';\nexport const a = msg;")).to.deep.equal([]);
  });

  it('keep the api and the workers apart', async () => {
    expect(await refusals('api/src/x.ts', "import { startWorker } from '../../engine-workers/src/worker.ts';\nexport const a = startWorker;")).to.have.length(
      1,
    );
    expect(await refusals('engine-workers/src/x.ts', "import { createApp } from '../../api/src/app.ts';\nexport const a = createApp;")).to.have.length(1);
    expect(await refusals('api/src/x.ts', "import { createServices } from '@motcua/domain/services.ts';\nexport const a = createServices;")).to.deep.equal([]);
  });

  it("let the web app import only domain's pure modules", async () => {
    expect(
      await refusals('modeler-ui/src/x.ts', "import { createServices } from '@motcua/domain/services.ts';\nexport const a = createServices;"),
    ).to.have.length(1);
    expect(await refusals('modeler-ui/src/x.ts', "import { msg } from '../../domain/src/errors/errors.ts';\nexport const a = msg;")).to.have.length(1);
    expect(await refusals('modeler-ui/src/x.ts', "import { msg } from '@motcua/domain/errors/errors.ts';\nexport const a = msg;")).to.deep.equal([]);
  });
});
