// One Vite build, one entry per face. The server serves dist/web; in development run
// `npm run dev`, which rebuilds on change.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'src/web');

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.resolve(root, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    rollupOptions: {
      input: {
        patient: path.resolve(root, 'index.html'),
        doctor: path.resolve(root, 'doctor/index.html'),
        admin: path.resolve(root, 'admin/index.html'),
        mini: path.resolve(root, 'mini/index.html'),
      },
    },
  },
});
