// @vitest-environment node
// The contract check must be able to fail: wrong bodies, undocumented statuses, paths and methods,
// and JSON where none is documented are refused; literal paths win over templated ones.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createContract } from './response-contract.mjs'

const error = { $ref: '#/components/responses/Error' }
const spec = {
  openapi: '3.0.3',
  paths: {
    '/api/v1/things/{id}': {
      get: {
        responses: {
          200: { description: 'a thing', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          404: error,
        },
      },
    },
    '/api/v1/things/export': {
      get: { responses: { 200: { description: 'a file', content: { 'application/pdf': {} } } } },
    },
    '/api/v1/things/{id}/done': { post: { responses: { 204: { description: 'done' } } } },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'note', 'tag', 'made_on'],
        properties: {
          id: { type: 'integer', format: 'int64', example: 7 },
          note: { type: 'string', nullable: true },
          tag: { allOf: [{ $ref: '#/components/schemas/Tag' }], nullable: true },
          made_on: { type: 'string', format: 'date' },
        },
        example: { id: 7 },
      },
      Tag: { type: 'string', enum: ['red', 'blue'] },
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } } },
      },
    },
    responses: {
      Error: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      RouteNotFound: { description: 'unknown path', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      MethodNotAllowed: { description: 'other method', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      HeadersTooLarge: { description: 'headers', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  },
}

const contract = createContract(spec)
const json = (method, path, status, body) => ({
  method,
  path,
  query: '',
  status,
  content_type: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
})
const thing = { id: 7, note: null, tag: null, made_on: '2026-03-01' }

describe('response contract', () => {
  it('accepts a documented body, with nullable fields and $ref', () => {
    expect(contract.check(json('GET', '/api/v1/things/7', 200, thing))).toEqual({
      operation: 'GET /api/v1/things/{id}',
      failures: [],
    })
    expect(contract.check(json('GET', '/api/v1/things/7', 200, { ...thing, note: 'x', tag: 'red' })).failures).toEqual([])
    expect(contract.check(json('GET', '/api/v1/things/8', 404, { error: { code: 'not_found' } })).failures).toEqual([])
  })

  it('rejects a wrong body and names the schema and the value', () => {
    const missing = contract.check(json('GET', '/api/v1/things/7', 200, { id: 7, note: null, tag: null })).failures
    expect(missing).toHaveLength(1)
    expect(missing[0]).toContain("must have required property 'made_on'")
    expect(missing[0]).toContain('#/components/schemas/Thing/required')
    const [extra] = contract.check(json('GET', '/api/v1/things/7', 200, { ...thing, secret: 1 })).failures
    expect(extra).toContain('additionalProperty="secret"')
    const [badEnum] = contract.check(json('GET', '/api/v1/things/7', 200, { ...thing, tag: 'green' })).failures
    expect(badEnum).toContain('/tag')
    const [badDate] = contract.check(json('GET', '/api/v1/things/7', 200, { ...thing, made_on: '2026-13-01' })).failures
    expect(badDate).toContain('must match format "date"')
    const [badNull] = contract.check(json('GET', '/api/v1/things/7', 200, { ...thing, id: null })).failures
    expect(badNull).toContain('#/components/schemas/Thing/properties/id/type')
    expect(contract.check({ ...json('GET', '/api/v1/things/7', 200, {}), body: '{not json' }).failures[0]).toContain('not JSON')
  })

  it('rejects a status the operation does not document', () => {
    const [failure] = contract.check(json('GET', '/api/v1/things/7', 409, { error: { code: 'conflict' } })).failures
    expect(failure).toContain('status 409 is not documented for GET /api/v1/things/{id}')
  })

  it('rejects an undocumented path unless it is the route_not_found answer', () => {
    const [failure] = contract.check(json('GET', '/api/v1/other', 200, {})).failures
    expect(failure).toContain('the path is not documented')
    expect(contract.check(json('GET', '/api/v1/other', 404, { error: { code: 'route_not_found' } })).failures).toEqual([])
    expect(contract.check(json('GET', '/api/v1/other', 404, { error: { code: 'not_found' } })).failures).toHaveLength(1)
    const file = { method: 'GET', path: '/api/v1/other.txt', query: '', status: 200, content_type: 'text/plain' }
    expect(contract.check(file).failures).toHaveLength(1)
    expect(contract.check({ ...file, path: '/assets/app.js' })).toEqual({ operation: 'outside the API', failures: [] })
  })

  it('rejects an undocumented method unless it is the method_not_allowed answer', () => {
    expect(contract.check(json('DELETE', '/api/v1/things/7', 204, {})).failures).toHaveLength(1)
    const allowed = contract.check(json('DELETE', '/api/v1/things/7', 405, { error: { code: 'method_not_allowed' } }))
    expect(allowed).toEqual({ operation: '405 method_not_allowed', failures: [] })
  })

  it('rejects JSON where no JSON content is documented, and undocumented content types', () => {
    expect(contract.check(json('POST', '/api/v1/things/7/done', 204, {})).failures[0]).toContain('no JSON content is documented')
    const [json200] = contract.check(json('GET', '/api/v1/things/export', 200, {})).failures
    expect(json200).toContain('no JSON content is documented (application/pdf)')
    const pdf = { method: 'GET', path: '/api/v1/things/export', query: 'a=1', status: 200, content_type: 'application/pdf' }
    expect(contract.check(pdf)).toEqual({ operation: 'GET /api/v1/things/export', failures: [] })
    expect(contract.check({ ...pdf, content_type: 'text/html' }).failures).toHaveLength(1)
    const done = { method: 'POST', path: '/api/v1/things/7/done', query: '', status: 204, content_type: '' }
    expect(contract.check(done).failures).toEqual([])
  })

  it('prefers literal segments over templated ones and routes the decoded path', () => {
    const pdf = { method: 'GET', path: '/api/v1/things/export', query: '', status: 200, content_type: 'application/pdf' }
    expect(contract.check(pdf).operation).toBe('GET /api/v1/things/export')
    expect(contract.check({ ...pdf, path: '/api/v1/things/%65xport' }).operation).toBe('GET /api/v1/things/export')
    expect(contract.check(json('GET', '/api/v1/things/%E8%AF%81', 200, thing)).operation).toBe('GET /api/v1/things/{id}')
  })

  // Compiling every schema of the real document takes seconds, more on a busy machine.
  it('compiles the real document, whose response objects are all closed', { timeout: 30_000 }, () => {
    const real = createContract(JSON.parse(readFileSync(new URL('../../src/http/openapi.json', import.meta.url), 'utf8')))
    expect(real.operations.length).toBeGreaterThan(60)
    expect(real.openSchemas).toEqual([])
    const me = real.check(json('GET', '/api/v1/me', 200, { user: {}, undocumented: true })).failures
    expect(me.some((f) => f.includes('additionalProperty="undocumented"'))).toBe(true)
  })
})
