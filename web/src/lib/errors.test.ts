import { describe, expect, it } from 'vitest'
import { ApiError } from './api'
import { errorText, useFieldErrors } from './errors'
import { setLocale } from '@/i18n'

describe('errorText', () => {
  it('translates a known code', async () => {
    await setLocale('en')
    expect(errorText(new ApiError(401, 'login_failed', '用户名或密码错误'))).toBe('Wrong username or password')
    await setLocale('zh-CN')
    expect(errorText(new ApiError(401, 'login_failed', 'x'))).toBe('用户名或密码错误')
  })

  it("falls back to the server's message for an unknown code", () => {
    expect(errorText(new ApiError(409, 'instrument_busy', '该器具正在检定中'))).toBe('该器具正在检定中')
  })
})

describe('useFieldErrors', () => {
  it('puts details.field and details.fields on known fields only', () => {
    const fe = useFieldErrors<'phone' | 'username'>()
    const err = new ApiError(400, 'validation_failed', '输入有误', {
      fields: [
        { field: 'phone', code: 'phone_invalid', message: '手机号码格式错误' },
        { field: 'other', code: 'x', message: 'y' },
      ],
    })
    expect(fe.apply(err, ['phone', 'username'])).toBe(true)
    expect(fe.errors.phone).toBe('手机号码格式错误')
    expect(Object.keys(fe.errors)).toEqual(['phone'])

    expect(fe.apply(new ApiError(409, 'username_taken', '用户名已存在', { field: 'username' }), ['phone', 'username'])).toBe(true)
    expect(fe.errors).toEqual({ username: '用户名已被占用' })

    expect(fe.apply(new ApiError(500, 'internal', 'boom'), ['phone'])).toBe(false)
    expect(fe.errors).toEqual({})
  })
})
