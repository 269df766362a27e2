// API methods of rectification orders (整改通知), merged into `api` by client.ts. The enterprise
// answers its own orders; the district bureau the order is routed to (or the city bureau)
// accepts or returns the answer. Other roles get 403 on the list (the server decides the scope).
import { download, get, post, upload } from './http'
import type { CaseCloseRequest, CaseDecideRequest, CaseOpenRequest, EvidencePhoto, Rectification, RectificationPage, RectificationQuery } from './types.rectification'

export const rectificationApi = {
  /** Newest first, without events; `overdue` counts the caller's overdue orders. 403 for roles without orders. */
  rectifications: (q: RectificationQuery = {}) =>
    get<RectificationPage>('/rectifications', { ...q, overdue: q.overdue || undefined }),
  /** With its timeline; 404 outside the caller's scope. */
  rectification: (id: number) => get<Rectification>(`/rectifications/${id}`),
  /** The enterprise's answer (issued or returned → answered). 400 `answer_required`, `answer_too_long`; 409 `rectification_not_open`. */
  answerRectification: (id: number, answer: string) => post<Rectification>(`/rectifications/${id}/answer`, { answer }),
  /** 验收通过 (answered → closed). 409 `rectification_not_answered`, `state_changed`. */
  acceptRectification: (id: number) => post<Rectification>(`/rectifications/${id}/accept`, {}),
  /** 退回 with a reason (answered → returned). 400 `reason_required`, `reason_too_long`. */
  returnRectification: (id: number, reason: string) => post<Rectification>(`/rectifications/${id}/return`, { reason }),
  /** 立案 on an overdue order (district or city bureau). 400 `legal_basis_*`, `facts_*`; 409 `rectification_not_overdue`, `case_exists`. */
  openCase: (id: number, body: CaseOpenRequest) => post<Rectification>(`/rectifications/${id}/case`, body),
  /** 作出处理决定 (opened → decided). 400 `decision_*`, `penalty_invalid`; 409 `case_not_opened`, `state_changed`. */
  decideCase: (id: number, body: CaseDecideRequest) => post<Rectification>(`/rectifications/${id}/case/decide`, body),
  /** 结案 (decided → closed). 400 `note_required`, `note_too_long`; 409 `case_not_decided`, `state_changed`. */
  closeCase: (id: number, body: CaseCloseRequest) => post<Rectification>(`/rectifications/${id}/case/close`, body),
  /** 整改照片 with the answer (the enterprise, order issued or returned). 400 `photo_invalid`, `photo_too_large`; 409 `rectification_not_open`, `photos_too_many`. */
  uploadRectificationPhoto: (id: number, file: Blob, filename: string) => {
    const form = new FormData()
    form.append('file', file, filename)
    return upload<EvidencePhoto>(`/rectifications/${id}/photos`, form)
  },
  /** The picture of an evidence photo, for a thumbnail. */
  rectificationPhoto: (id: number, photoId: number) => download(`/rectifications/${id}/photos/${photoId}`, undefined, `photo-${photoId}`),
}
