import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import { configDefaults } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The C++ server (mvis serve) listens on 8080 during development.
const backend = process.env.MVIS_BACKEND ?? 'http://127.0.0.1:8080'

/** The packages of the `vue` chunk (see build.rollupOptions). */
const VUE_CORE = /[\\/]node_modules[\\/](?:vue|@vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand: each SFC imports the components and directives (v-loading) its
    // template uses, with their CSS, so a page's chunk carries only what it shows. Template
    // types come from element-plus/global (tsconfig.app.json), hence no generated d.ts.
    components({ resolvers: [ElementPlusResolver()], dts: false, dirs: [] }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: false },
      '/healthz': { target: backend, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // Vue, its router, store and i18n change far less often than the app: their own chunk
        // stays cached (immutable) across releases. Element Plus is left to Rollup, which splits
        // it along the routes that use each component.
        manualChunks: (id) => (VUE_CORE.test(id) ? 'vue' : undefined),
      },
    },
    // dist/.vite/manifest.json: the chunk graph scripts/checkBudget.mjs follows.
    manifest: true,
  },
  test: {
    environment: 'happy-dom',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts', 'scripts/**/*.test.mjs'], exclude: [...configDefaults.exclude, 'src/views/**'] } },
      // Pages mounted with Element Plus: it goes through Vite as in the app, for its style
      // imports and its default import of the CommonJS async-validator (form rules), which
      // Node would load without the default. Kept apart because it is slow to transform.
      { extends: true, test: { name: 'views', include: ['src/views/**/*.test.ts'], server: { deps: { inline: ['element-plus'] } } } },
    ],
  },
})
