import { defineConfig } from 'vite';

// The scheduler serves the built files at /console/ (scheduler-service's application-scheduler.yml);
// `npm run dev` forwards the API to a scheduler on localhost:8080.
const api = ['/pipelines', '/runs', '/workers'];

export default defineConfig({
  base: '/console/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One small bundle: no source maps shipped inside the scheduler's jar.
    sourcemap: false,
  },
  server: {
    proxy: Object.fromEntries(api.map((path) => [path, 'http://localhost:8080'])),
  },
});
