// @vitest-environment node
// Every Element Plus service a script imports (ElMessage, ElMessageBox, ...) has its CSS loaded
// by elementPlusServices.ts: without the global stylesheet, a missing one shows unstyled.
/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = join(import.meta.dirname, '.')

/** Value (not type-only) names imported from 'element-plus' in the app's own sources. */
function importedServices(): string[] {
  const names = new Set<string>()
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    (f) => /\.(ts|vue)$/.test(f) && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'),
  )
  for (const f of files) {
    const text = readFileSync(join(SRC, f), 'utf8')
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'element-plus'/g)) {
      for (const spec of m[1].split(',').map((s) => s.trim())) {
        if (/^El[A-Z]/.test(spec)) names.add(spec.split(/\s+as\s+/)[0])
      }
    }
  }
  return [...names].sort()
}

/** ElMessageBox → message-box: the folder of the component's style entry. */
const styleDir = (name: string) => name.slice(2).replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()

describe('Element Plus service styles', () => {
  it('loads the CSS of every service imported in a script', () => {
    const services = importedServices()
    expect(services).toContain('ElMessage')
    const loaded = readFileSync(join(SRC, 'elementPlusServices.ts'), 'utf8')
    for (const s of services) expect(loaded, s).toContain(`element-plus/es/components/${styleDir(s)}/style/css'`)
  })
})
