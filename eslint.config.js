// The dependency rule of docs/ARCHITECTURE.md, enforced here rather than remembered.
import tseslint from 'typescript-eslint';

const NATIVE = ['onnxruntime-node', 'onnxruntime-*', '@nut-tree-fork/*', 'sharp', 'ws', '/electron', 'playwright-core', 'commander'];
const node = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'worker_threads', 'stream'];
const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'build/out/**', '**/*.js', '**/*.mjs', 'renderer/dist/**', 'models/**/*.py'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
    },
  },
  {
    // Only the approval gate mints Approved<T> (SAFETY.md S1): no other file may import the minting function.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['electron/agent/safety/gate.ts', 'electron/agent/approved.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "ImportSpecifier[imported.name='mintApproved']", message: 'Only electron/agent/safety/gate.ts may mint approvals.' },
        { selector: "TSAsExpression > TSTypeReference[typeName.name='Approved']", message: 'Never cast to Approved: only the gate makes one.' },
      ],
    },
  },
  {
    files: ['electron/common/**/*.ts'],
    rules: restrict([...NATIVE, ...node, 'react', 'zustand', '**/agent/**', '**/adapters/**', '**/main/**', '**/shells/**', '**/preload/**', '**/renderer/**'],
      'electron/common is pure TS: zod only (dependency rule).'),
  },
  {
    files: ['electron/agent/**/*.ts'],
    ignores: ['electron/agent/**/*.test.ts'],
    rules: restrict([...NATIVE, 'react', 'zustand', '**/adapters/**', '**/main/**', '**/shells/**', '**/preload/**', '**/renderer/**'],
      'The engine imports no electron, adapter, shell or native package: take a port (electron/agent/ports.ts).'),
  },
  ...['perception', 'model', 'planner', 'safety', 'execution'].map((dir) => ({
    files: [`electron/agent/${dir}/**/*.ts`],
    rules: restrict(
      [...NATIVE, 'react', 'zustand', '**/adapters/**', '**/main/**', '**/shells/**', '**/renderer/**',
        ...['perception', 'model', 'planner', 'safety', 'execution', 'loop'].filter((d) => d !== dir).map((d) => `**/agent/${d}/**`)],
      `agent/${dir} does not import its sibling folders or native packages: loop/ composes them.`),
  })),
  {
    files: ['electron/adapters/**/*.ts'],
    rules: restrict(['**/agent/perception/**', '**/agent/model/**', '**/agent/planner/**', '**/agent/safety/**', '**/agent/execution/**', '**/agent/loop/**', '**/main/**', '**/shells/**', '**/renderer/**'],
      'Adapters import only common and agent/ports.'),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict([...NATIVE, ...node, '**/electron/agent/**', '**/electron/adapters/**', '**/electron/main/**', '**/electron/shells/**', '**/electron/preload/**'],
      'The renderer imports only electron/common, react and zustand.'),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict(['**/agent/**', '**/adapters/**', '**/main/**', '**/shells/**', ...node.filter((n) => n !== 'node:*')],
      'The preload exposes only the contract channels.'),
  },
  {
    // Tests may reach across folders (a recording driver, fixtures); the rule protects shipped code.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
