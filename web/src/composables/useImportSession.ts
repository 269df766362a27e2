// State of one batch import on the 批量导入 page: upload (async, then polled while the server
// reads the file), the summary, one page of rows of the chosen tab, row edits and deletions,
// commit. Every call goes through the typed API client.
import { computed, onBeforeUnmount, reactive, ref } from 'vue'
import { api, ApiError, type ImportDetail, type ImportRow, type ImportRowState, type ImportSummary, type InstrumentDraft } from '@/lib/api'
import { errorText, notifyError } from '@/lib/errors'
import { hasRows, pollWhileParsing } from '@/lib/imports'

/** Tab of the preview: every row or one state. */
export type ImportTab = 'all' | ImportRowState

export function useImportSession() {
  const summary = ref<ImportSummary | null>(null)
  /** why the chosen file was refused: upload 4xx, `failed` status, client-side check */
  const failure = ref<string | null>(null)
  const uploading = ref(false)
  const rows = reactive({ items: [] as ImportRow[], total: 0, page: 1, size: 20, tab: 'all' as ImportTab, loading: false })
  let generation = 0
  let rowsSeq = 0
  onBeforeUnmount(() => generation++)

  const id = computed(() => summary.value?.id ?? null)
  const rowsQuery = () => ({ state: rows.tab === 'all' ? ('' as const) : rows.tab, page: rows.page, page_size: rows.size })

  function takeDetail(d: ImportDetail) {
    const { rows: page, ...s } = d
    summary.value = s
    if (hasRows(s.status)) {
      rows.items = page.items
      rows.total = page.total
    }
    failure.value = s.status === 'failed' ? (s.error?.message ?? null) : null
  }

  /** Back to choosing a file; answers of earlier uploads are ignored. */
  function reset() {
    generation++
    summary.value = null
    failure.value = null
    rows.items = []
    rows.total = 0
    rows.page = 1
    rows.tab = 'all'
  }

  /** Wait for the server to read the file, then show the first page (unless `haveRows`). */
  async function follow(first: ImportSummary, haveRows: boolean) {
    const mine = generation
    let polled = false
    const last = await pollWhileParsing<ImportSummary>(first, () => api.importDetail(first.id, rowsQuery()), {
      cancelled: () => mine !== generation,
      onUpdate: (d) => {
        polled = true
        takeDetail(d as ImportDetail)
      },
    })
    if (last && !polled && !haveRows && hasRows(last.status)) await loadRows()
  }

  async function upload(file: File): Promise<ImportSummary | null> {
    reset()
    const mine = generation
    uploading.value = true
    try {
      const s = await api.uploadImport(file, file.name)
      if (mine !== generation) return null
      summary.value = s
      failure.value = s.status === 'failed' ? (s.error?.message ?? null) : null
      await follow(s, false)
      return summary.value
    } catch (e) {
      if (mine === generation) failure.value = errorText(e)
      return null
    } finally {
      uploading.value = false
    }
  }

  /** Reopen an earlier import (the page's `?id=`); false when it cannot be read. */
  async function open(importId: number): Promise<boolean> {
    reset()
    const mine = generation
    try {
      const d = await api.importDetail(importId, rowsQuery())
      if (mine !== generation) return false
      takeDetail(d)
      await follow(summary.value!, true)
      return true
    } catch (e) {
      if (mine === generation) notifyError(e)
      return false
    }
  }

  /** The current tab's page of rows, with a fresh summary. */
  async function loadRows() {
    if (id.value === null) return
    const seq = ++rowsSeq
    const mine = generation
    rows.loading = true
    try {
      const d = await api.importDetail(id.value, rowsQuery())
      if (seq === rowsSeq && mine === generation) takeDetail(d)
    } catch (e) {
      notifyError(e)
    } finally {
      if (seq === rowsSeq) rows.loading = false
    }
  }

  function selectTab(tab: ImportTab) {
    rows.tab = tab
    rows.page = 1
    return loadRows()
  }

  /** Counts only (the table keeps its rows, so a just-fixed row stays in view). */
  async function refreshSummary() {
    if (id.value === null) return
    const mine = generation
    try {
      const { rows: _rows, ...s } = await api.importDetail(id.value, { page: 1, page_size: 1 })
      if (mine === generation) summary.value = s
    } catch (e) {
      notifyError(e)
    }
  }

  /** Save corrected data; the re-validated row replaces the old one in the table. */
  async function saveRow(row: number, data: InstrumentDraft): Promise<ImportRow> {
    const updated = await api.updateImportRow(id.value!, row, data)
    const i = rows.items.findIndex((r) => r.row === row)
    if (i >= 0) rows.items.splice(i, 1, updated)
    await refreshSummary()
    return updated
  }

  async function deleteRow(row: number) {
    await api.deleteImportRow(id.value!, row)
    if (rows.items.length === 1 && rows.page > 1) rows.page--
    await loadRows()
  }

  /** `{"created"}`; on a refusal (409 import_has_errors…) the summary is refreshed and the error rethrown. */
  async function commit(): Promise<number> {
    try {
      const { created } = await api.commitImport(id.value!)
      await refreshSummary()
      return created
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) await loadRows()
      throw e
    }
  }

  return { summary, failure, uploading, rows, id, upload, open, reset, loadRows, selectTab, refreshSummary, saveRow, deleteRow, commit }
}
