import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import { configureClient } from './lib/api'
import { useAuthStore } from './stores/auth'
import './styles.css'
import './print.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
app.use(ElementPlus)
const router = createAppRouter()
app.use(router)

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

document.documentElement.lang = i18n.global.locale.value
app.mount('#app')
