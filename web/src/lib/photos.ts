// Photos users attach (现场照片 of an on-site check, 整改照片 with a rectification answer): what the
// picker offers and the client-side check before sending. The server checks again and stores the
// picture without its metadata.

/** At most this many bytes per photo (the server's limit, 5 MB). */
export const PHOTO_MAX_BYTES = 5 << 20
/** What the photo picker offers. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png'

/** Why a picked file cannot be sent: not JPEG or PNG, or over 5 MB; null when it can. */
export function photoProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png') return 'type'
  if (file.size > PHOTO_MAX_BYTES) return 'size'
  return null
}
