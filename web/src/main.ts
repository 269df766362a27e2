import { createApp } from 'vue'
import { createPinia } from 'pinia'
import './elementPlusServices'
import App from './App.vue'
import { i18n, loadLocale, storedLocale } from './i18n'
import { createAppRouter } from './router'
import { configureClient } from './lib/api'
import { useAuthStore } from './stores/auth'
import './styles.css'
import './print.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const router = createAppRouter()

const auth = useAuthStore(pinia)
configureClient({
  csrfToken: () => auth.csrfToken,
  onUnauthorized: () => {
    auth.clear()
    const current = router.currentRoute.value
    if (!current.meta.public) {
      void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    }
  },
})

// The first route renders in the stored language: zh-CN is built in, another one is fetched
// first (if that fails the UI starts in zh-CN). No top-level await here: it would make Rollup
// split the entry chunk so that the language chunk cannot wait on it.
void loadLocale(storedLocale())
  .catch(() => undefined)
  .finally(() => {
    app.use(router)
    app.mount('#app')
  })
