import { defineConfig } from 'vite';

// Built into the ui module's classes, where Quarkus serves static files from (META-INF/resources).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    sourcemap: true,
    // ECharts alone is ~540 kB; it is its own chunk, loaded by the monitoring and monitors pages only
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
