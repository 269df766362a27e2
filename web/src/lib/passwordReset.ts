// 忘记密码: the form of /forgot-password and the request it sends.
import type { PasswordResetRequest } from './api'

export interface PasswordResetForm extends PasswordResetRequest {
  /** the new password typed again; checked on the page, never sent */
  confirm: string
}

export function emptyPasswordResetForm(): PasswordResetForm {
  return { username: '', phone: '', sms_code: '', new_password: '', confirm: '' }
}

/** Body of `POST /auth/password-reset`: trimmed username, phone and code; the password as typed. */
export function toPasswordResetRequest(form: PasswordResetForm): PasswordResetRequest {
  return {
    username: form.username.trim(),
    phone: form.phone.trim(),
    sms_code: form.sms_code.trim(),
    new_password: form.new_password,
  }
}
