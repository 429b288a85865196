import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Dependencies flow app → components → lib → db: a component reads data through lib, never the database.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/db', '@/db/*', '**/db', '**/db/*'],
              message: 'A component never imports the database: use a lib/ function or type.',
            },
          ],
        },
      ],
    },
  },
  {
    // …and the database layer knows nothing above it: the demo and start-up seeding live in lib/demo.
    files: ['db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/lib', '@/lib/*', '**/lib/*'],
              message: 'db/ never imports lib/: dependencies flow app → components → lib → db.',
            },
            { group: ['@/components', '@/components/*', '@/app', '@/app/*'], message: 'db/ never imports the layers above it.' },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      '.next/**',
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
      // Stryker's sandboxes (a copy of the project) and its reports.
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
];

export default config;
