// The CSS of the Element Plus services that scripts call (ElMessage, ElMessageBox, ElLoading).
// Components and v-loading in templates bring their own CSS (unplugin-vue-components in
// vite.config.ts); a service imported from 'element-plus' in a script does not, so its style is
// loaded here once. elementPlusServices.test.ts keeps this list in step with the imports in src/.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
