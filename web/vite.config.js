// Vite build of the ipalliance web UI. `npm run build` writes web/dist, which `ipalliance serve`
// serves with an SPA fallback. Nothing is loaded from a CDN: the server's CSP allows only 'self'.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// `npm run dev` proxies /api to a running server (IPA_DEV_API, default 127.0.0.1:8080). The
// server checks the Origin of state-changing requests, so the proxy presents the target's own.
const devApi = process.env.IPA_DEV_API || 'http://127.0.0.1:8080'

function vendorChunk(id) {
  if (!id.includes('node_modules')) return undefined
  if (id.includes('element-plus') || id.includes('@element-plus')) return 'element-plus'
  if (/node_modules\/(@vue|vue|vue-router|vue-i18n|@intlify)\//.test(id)) return 'vue'
  return 'vendor'
}

export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    modulePreload: { polyfill: false },
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  server: {
    proxy: {
      '/api': {
        target: devApi,
        configure(proxy) {
          proxy.on('proxyReq', (req) => req.setHeader('origin', devApi))
        },
      },
    },
  },
})
