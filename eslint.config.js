// Lint: ESLint's and typescript-eslint's recommended rules, Prettier's formatting left to Prettier, and the
// architecture as import boundaries: domain imports neither the api, the workers nor the UI; the api and the
// workers never import each other; the web app imports only domain's pure modules (no database, no I/O).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** domain modules without I/O that the web app may share */
const PURE_DOMAIN = [
  'errors/errors',
  'procedures/bpmn-steps',
  'sla/deadlines',
  'dossiers/dossier-status',
  'org-units/unit-levels',
  'reports/form06-form',
  'audit/admin-log-words',
  'dossiers/questionnaires.schemas',
  'procedures/translations',
  'forms/form-schema',
  'dossiers/applicant-view',
];

const boundary = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });
const layer = (name, where) => ({
  group: [`**/${where}/**`, `@motcua/${name}`, `@motcua/${name}/**`],
  message: `${name} is another layer: see ARCHITECTURE.md (import boundaries)`,
});

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'engine/**', 'test-artifacts/**', '.data/**', 'modeler-ui/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['modeler-ui/src/**/*.tsx', 'modeler-ui/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // chai's property assertions (`.to.be.true`, `.not.empty`) are expressions by design
  { files: ['test/**'], rules: { '@typescript-eslint/no-unused-expressions': 'off' } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // the engine's, bpmn-io's and knex's untyped corners are typed at their edge, not everywhere
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  boundary(
    ['domain/src/**'],
    [
      layer('api', 'api/src'),
      layer('engine-workers', 'engine-workers/src'),
      layer('modeler-ui', 'modeler-ui/src'),
      { group: ['express', 'express/**'], message: 'domain knows no HTTP' },
    ],
  ),
  boundary(['api/src/**'], [layer('engine-workers', 'engine-workers/src'), layer('modeler-ui', 'modeler-ui/src')]),
  boundary(
    ['engine-workers/src/**'],
    [layer('api', 'api/src'), layer('modeler-ui', 'modeler-ui/src'), { group: ['express', 'express/**'], message: 'workers serve no HTTP' }],
  ),
  boundary(
    ['modeler-ui/src/**'],
    [
      layer('api', 'api/src'),
      layer('engine-workers', 'engine-workers/src'),
      { regex: `^@motcua/domain/(?!(${PURE_DOMAIN.join('|')})\\.ts$)`, message: `the web app imports only domain's pure modules (${PURE_DOMAIN.join(', ')})` },
      { group: ['**/domain/src/**'], message: "the web app imports domain's pure modules by package name (@motcua/domain/...)" },
    ],
  ),
);
