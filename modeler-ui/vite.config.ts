/**
 * The motcua web app: citizen portal, officer workspace and (later) the studio, one single-page app served
 * by the api from modeler-ui/dist. `vite` serves it in development with /api proxied to a running api.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // @bpmn-io/properties-panel (under form-js's and bpmn-js's panels) imports its own "../preact", and
    // bpmn-js-properties-panel imports it as "@bpmn-io/properties-panel/preact": one preact for all panels
    alias: [
      { find: /^\.\.\/preact(\/(?:hooks|jsx-runtime|compat))?$/, replacement: 'preact$1' },
      { find: /^@bpmn-io\/properties-panel\/preact(\/(?:hooks|jsx-runtime|compat))?$/, replacement: 'preact$1' },
    ],
  },
  server: { proxy: { '/api': process.env.MOTCUA_API ?? 'http://127.0.0.1:3000' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 4000 },
});
