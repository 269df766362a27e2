import { describe, expect, it } from 'vitest'
import { emptyPasswordResetForm, toPasswordResetRequest } from './passwordReset'

describe('password reset request', () => {
  it('starts empty', () => {
    expect(emptyPasswordResetForm()).toEqual({ username: '', phone: '', sms_code: '', new_password: '', confirm: '' })
  })

  it('trims username, phone and code, keeps the password as typed and drops the confirmation', () => {
    const req = toPasswordResetRequest({
      username: '  ent_a ',
      phone: ' 13912345678',
      sms_code: '123456 ',
      new_password: ' N3w!Password ',
      confirm: ' N3w!Password ',
    })
    expect(req).toEqual({ username: 'ent_a', phone: '13912345678', sms_code: '123456', new_password: ' N3w!Password ' })
    expect(req).not.toHaveProperty('confirm')
  })
})
