import { defineConfig } from 'vite';

// Built into the ui module's classes, where Quarkus serves static files from (META-INF/resources).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: true,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
