/** One typed configuration, validated at boot, documented in .env.example. */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, configSpec, envExample, loadConfig, repoRoot } from '@motcua/domain/config/config.ts';

describe('configuration', function () {
  it('has a default for every key', () => {
    const c = loadConfig({});
    expect(c.engineFlavor).to.equal('operaton');
    expect(c.apiPort).to.equal(3000);
    expect(c.databaseUrl).to.equal(undefined);
  });
  it('stops at boot with every bad key named', () => {
    expect(() => loadConfig({ API_PORT: 'eighty', ENGINE_FLAVOR: 'zeebe', DATABASE_URL: 'mysql://x' })).to.throw(
      ConfigError,
      /API_PORT[\s\S]*DATABASE_URL[\s\S]*ENGINE_FLAVOR|API_PORT/,
    );
    try {
      loadConfig({ API_PORT: 'eighty', ENGINE_FLAVOR: 'zeebe', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message)
        .to.contain('API_PORT')
        .and.contain('ENGINE_FLAVOR')
        .and.contain('DATABASE_URL');
    }
  });
  it('.env.example lists every key with its documentation', () => {
    expect(fs.readFileSync(path.join(repoRoot, '.env.example'), 'utf8')).to.equal(envExample());
  });
  it('the README documents every key', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    expect(
      Object.values(configSpec)
        .map((k) => k.env)
        .filter((env) => !readme.includes(`| \`${env}\` |`)),
    ).to.deep.equal([]);
  });
  it('nothing outside the config module reads process.env', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith(path.join('config', 'config.ts')) && fs.readFileSync(p, 'utf8').match(/process\.env\.[A-Z_]+|process\.env\[/))
          offenders.push(path.relative(repoRoot, p));
      }
    };
    for (const d of ['domain/src', 'api/src', 'engine-workers/src']) walk(path.join(repoRoot, d));
    expect(offenders).to.deep.equal([]);
  });
});
