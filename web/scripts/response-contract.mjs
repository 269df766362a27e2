// Checks recorded HTTP responses against the OpenAPI 3.0 document src/http/openapi.json: finds the
// operation of a request (literal path segments win over templated ones), the documented response
// of its status code (or `default`) and validates a JSON body against the response's schema.
// Used by validate-responses.mjs on what the integration suite records (MVIS_RECORD_RESPONSES).
import Ajv from 'ajv'
import addFormats from 'ajv-formats'

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']
const SCHEMAS_ID = 'mvis-openapi-schemas'
const COMPONENT_PREFIX = '#/components/schemas/'
// OpenAPI 3.0 schema keywords that JSON Schema draft-07 does not know (or that do not constrain).
const OPENAPI_ONLY = new Set(['nullable', 'example', 'discriminator', 'xml', 'externalDocs', 'deprecated'])

/**
 * Answers the contract gives outside any operation (info.description): an unknown /api/ path, a
 * known path with another method, and request headers too large for the server to read at all.
 * `response` names an entry of components.responses; `code` is the error code it must carry.
 */
const GENERIC_ANSWERS = {
  routeNotFound: { status: 404, code: 'route_not_found', response: 'RouteNotFound' },
  methodNotAllowed: { status: 405, code: 'method_not_allowed', response: 'MethodNotAllowed' },
  headersTooLarge: { status: 431, code: 'headers_too_large', response: 'HeadersTooLarge' },
}

/** Media type of a Content-Type header value, lower case, without parameters. */
export function mediaType(contentType) {
  return (contentType ?? '').split(';')[0].trim().toLowerCase()
}

export function isJsonMediaType(type) {
  return type === 'application/json' || type.endsWith('+json')
}

// `anyOf: [schema, null]` objects made for `nullable: true` next to $ref/allOf (not in the document).
const nullableWrappers = new WeakSet()

/** Rewrites an OpenAPI 3.0 schema into JSON Schema draft-07 as Ajv reads it. */
export function toJsonSchema(schema) {
  if (schema === null || typeof schema !== 'object') return schema
  if (schema.$ref !== undefined) {
    // Siblings of $ref are ignored in OpenAPI 3.0.
    if (!schema.$ref.startsWith(COMPONENT_PREFIX)) throw new Error(`unsupported $ref ${schema.$ref}`)
    return { $ref: `${SCHEMAS_ID}#/definitions/${schema.$ref.slice(COMPONENT_PREFIX.length)}` }
  }
  const out = {}
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY.has(key) || key.startsWith('x-')) continue
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]))
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = toJsonSchema(value)
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = value.map(toJsonSchema)
    } else {
      out[key] = value
    }
  }
  if (schema.nullable !== true) return out
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null']
    if (out.enum && !out.enum.includes(null)) out.enum = [...out.enum, null]
    return out
  }
  const wrapper = { anyOf: [out, { type: 'null' }] }
  nullableWrappers.add(wrapper)
  return wrapper
}

/** Records where every subschema of `schema` sits in the document, for error messages. */
function indexSchema(schema, where, index) {
  if (schema === null || typeof schema !== 'object' || index.has(schema)) return
  index.set(schema, where)
  if (nullableWrappers.has(schema)) return indexSchema(schema.anyOf[0], where, index)
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties') {
      for (const [name, s] of Object.entries(value)) indexSchema(s, `${where}/properties/${name}`, index)
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      indexSchema(value, `${where}/${key}`, index)
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      value.forEach((s, i) => indexSchema(s, `${where}/${key}/${i}`, index))
    }
  }
}

/** JSON pointer of an operation in the document: `#/paths/~1api~1v1~1me/get`. */
function operationPlace(template, method) {
  return `#/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`
}

function pointerGet(value, pointer) {
  if (!pointer) return value
  let current = value
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~')
    if (current === null || typeof current !== 'object') return undefined
    current = current[key]
  }
  return current
}

function excerpt(value, limit = 300) {
  const text = JSON.stringify(value) ?? String(value)
  return text.length > limit ? `${text.slice(0, limit)}…` : text
}

/** `/api/v1/instruments/{id}` → matcher; a literal segment is more specific than a templated one. */
function compileTemplate(template) {
  const segments = template.split('/').map((segment) => {
    if (!segment.includes('{')) return { literal: segment }
    const pattern = segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}/]+\}/g, '[^/]+')
    return { regex: new RegExp(`^${pattern}$`) }
  })
  return {
    template,
    segments,
    matches(parts) {
      return (
        parts.length === segments.length &&
        segments.every((s, i) => (s.literal !== undefined ? s.literal === parts[i] : s.regex.test(parts[i])))
      )
    },
  }
}

function moreSpecific(a, b) {
  for (let i = 0; i < a.segments.length; i++) {
    const literalA = a.segments[i].literal !== undefined
    const literalB = b.segments[i].literal !== undefined
    if (literalA !== literalB) return literalA
  }
  return false
}

/** The request path as the server routes it: percent-decoded, without the query string. */
function decodePath(path) {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

/**
 * Builds a checker for `spec` (the parsed openapi.json). Throws when the document cannot be
 * compiled (unknown format, bad $ref). `check(record)` takes one recorded response
 * `{method, path, query, status, content_type, body?}` and answers
 * `{operation, failures: [string]}`: `operation` is "GET /api/v1/instruments/{id}", a generic
 * answer ("405 method_not_allowed") or "outside the API" (a file of the web UI), `failures` is
 * empty when the response matches the contract.
 */
export function createContract(spec) {
  // verbose: errors carry their parentSchema, which `places` maps back to the document.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false })
  const places = new Map() // converted subschema → its place in openapi.json
  addFormats(ajv)
  const definitions = Object.fromEntries(
    Object.entries(spec.components?.schemas ?? {}).map(([name, s]) => [name, toJsonSchema(s)]),
  )
  for (const [name, s] of Object.entries(definitions)) indexSchema(s, `${COMPONENT_PREFIX}${name}`, places)
  ajv.addSchema({ $id: SCHEMAS_ID, definitions })
  for (const name of Object.keys(definitions)) ajv.getSchema(`${SCHEMAS_ID}#/definitions/${name}`)

  const validators = new Map() // schema object of the document → compiled validator
  const validatorFor = (schema, place) => {
    if (!validators.has(schema)) {
      const converted = toJsonSchema(schema)
      indexSchema(converted, place, places)
      validators.set(schema, ajv.compile(converted))
    }
    return validators.get(schema)
  }
  const schemaPlace = (error) => {
    const parent = places.get(error.parentSchema)
    return parent === undefined ? error.schemaPath : `${parent}/${error.keyword}`
  }
  const resolveResponse = (response) => {
    if (response?.$ref === undefined) return response
    const name = response.$ref.replace('#/components/responses/', '')
    const resolved = spec.components?.responses?.[name]
    if (!resolved) throw new Error(`unknown response ${response.$ref}`)
    return resolved
  }

  const paths = Object.keys(spec.paths).map(compileTemplate)
  const operations = []
  for (const { template } of paths) {
    for (const method of METHODS) {
      const op = spec.paths[template][method]
      if (!op) continue
      operations.push(`${method.toUpperCase()} ${template}`)
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const place = response.$ref ?? `${operationPlace(template, method)}/responses/${status}`
        for (const [type, media] of Object.entries(resolveResponse(response).content ?? {})) {
          if (media.schema) validatorFor(media.schema, `${place}/content/${type}/schema`)
        }
      }
    }
  }
  const generic = Object.fromEntries(
    Object.entries(GENERIC_ANSWERS).map(([key, answer]) => {
      const response = spec.components?.responses?.[answer.response]
      if (!response) throw new Error(`components.responses.${answer.response} is missing`)
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (media.schema) validatorFor(media.schema, `#/components/responses/${answer.response}/content/${type}/schema`)
      }
      return [key, { ...answer, documented: response }]
    }),
  )

  function findPath(path) {
    const parts = decodePath(path).split('/')
    let best = null
    for (const candidate of paths) {
      if (candidate.matches(parts) && (best === null || moreSpecific(candidate, best))) best = candidate
    }
    return best
  }

  /** Checks a body against documented response `response` (already resolved); `where` names it. */
  function checkAgainst(record, response, where) {
    const type = mediaType(record.content_type)
    const content = response.content ?? {}
    const documentedTypes = Object.keys(content)
    // An empty body is no body, whatever Content-Type says (the server labels its 204s JSON too).
    const hasBody = record.body !== undefined && record.body !== ''
    if (!hasBody && (documentedTypes.length === 0 || type === '')) {
      return documentedTypes.length === 0 ? [] : [`${where}: documents ${documentedTypes.join(', ')}, got no body`]
    }
    if (!isJsonMediaType(type)) {
      if (hasBody) return [`${where}: a body was recorded for non-JSON content type "${record.content_type}"`]
      const accepted = documentedTypes.some((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))))
      return accepted ? [] : [`${where}: content type "${record.content_type}" is not documented (${documentedTypes.join(', ') || 'no content'})`]
    }
    const key = documentedTypes.find((t) => t === type) ?? documentedTypes.find((t) => isJsonMediaType(t))
    if (key === undefined) {
      return [`${where}: a JSON body came where no JSON content is documented (${documentedTypes.join(', ') || 'no content'}); body ${excerpt(record.body)}`]
    }
    let body
    try {
      body = JSON.parse(record.body ?? '')
    } catch (e) {
      return [`${where}: the body is not JSON (${e.message}): ${excerpt(record.body)}`]
    }
    const schema = content[key].schema
    if (!schema) return []
    const validate = validatorFor(schema, `${where}/content/${key}/schema`)
    if (validate(body)) return []
    return validate.errors.map((e) => {
      const params = Object.entries(e.params ?? {})
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(' ')
      return (
        `body${e.instancePath || ''} ${e.message}${params ? ` (${params})` : ''}\n` +
        `      schema ${schemaPlace(e)}\n` +
        `      at ${e.instancePath || '/'}: ${excerpt(pointerGet(body, e.instancePath))}`
      )
    })
  }

  function checkGeneric(record, key, why) {
    const answer = generic[key]
    const label = `${answer.status} ${answer.code}`
    if (record.status !== answer.status) return { operation: label, failures: [why] }
    const failures = checkAgainst(record, answer.documented, `#/components/responses/${answer.response}`)
    if (failures.length === 0) {
      let code
      try {
        code = JSON.parse(record.body).error.code
      } catch {
        code = undefined
      }
      if (code !== answer.code) failures.push(`${why} (error code ${JSON.stringify(code)}, not ${answer.code})`)
    }
    return { operation: label, failures }
  }

  function check(record) {
    const method = String(record.method).toLowerCase()
    const request = `${record.method} ${record.path}${record.query ? `?${record.query}` : ''}`
    if (record.status === generic.headersTooLarge.status) {
      return checkGeneric(record, 'headersTooLarge', `${request}: status 431 is only the headers_too_large answer`)
    }
    const found = findPath(record.path)
    if (found === null) {
      const isJson = isJsonMediaType(mediaType(record.content_type))
      if (!isJson && !decodePath(record.path).startsWith('/api/')) return { operation: 'outside the API', failures: [] }
      return checkGeneric(record, 'routeNotFound', `${request}: the path is not documented`)
    }
    const op = spec.paths[found.template][method]
    if (!op) {
      return checkGeneric(record, 'methodNotAllowed', `${request}: ${record.method} is not documented for ${found.template}`)
    }
    const operation = `${record.method.toUpperCase()} ${found.template}`
    const status = String(record.status)
    const responses = op.responses ?? {}
    const statusKey = [status, `${status[0]}XX`, 'default'].find((k) => responses[k] !== undefined)
    if (statusKey === undefined) {
      return {
        operation,
        failures: [`${request}: status ${status} is not documented for ${operation} (documented: ${Object.keys(responses).join(', ')}); body ${excerpt(record.body ?? '')}`],
      }
    }
    const place = responses[statusKey].$ref ?? `${operationPlace(found.template, method)}/responses/${statusKey}`
    return { operation, failures: checkAgainst(record, resolveResponse(responses[statusKey]), place) }
  }

  return { check, operations, openSchemas: findOpenSchemas(spec) }
}

/**
 * Places of the object schemas a response can carry that do not say `additionalProperties` (so an
 * undocumented field would pass unnoticed), and of `allOf` compositions of several objects (which
 * OpenAPI 3.0 cannot close). Found by following $ref from every documented response.
 */
export function findOpenSchemas(spec) {
  const open = []
  const seen = new Set()
  const visit = (schema, place) => {
    if (schema === null || typeof schema !== 'object') return
    if (schema.$ref !== undefined) {
      if (seen.has(schema.$ref)) return
      seen.add(schema.$ref)
      return visit(spec.components.schemas[schema.$ref.slice(COMPONENT_PREFIX.length)], schema.$ref)
    }
    if ((schema.type === 'object' || schema.properties) && schema.additionalProperties === undefined) open.push(place)
    if (schema.allOf?.length > 1) open.push(`${place} (allOf of ${schema.allOf.length} schemas)`)
    for (const [name, s] of Object.entries(schema.properties ?? {})) visit(s, `${place}/properties/${name}`)
    for (const key of ['items', 'additionalProperties', 'not']) visit(schema[key], `${place}/${key}`)
    for (const key of ['allOf', 'anyOf', 'oneOf']) (schema[key] ?? []).forEach((s, i) => visit(s, `${place}/${key}/${i}`))
  }
  const responses = (op) => Object.entries(op.responses ?? {})
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      if (!item[method]) continue
      for (const [status, response] of responses(item[method])) {
        if (response.$ref !== undefined) continue // components.responses: visited below
        const place = `${operationPlace(template, method)}/responses/${status}`
        for (const [type, media] of Object.entries(response.content ?? {})) visit(media.schema, `${place}/content/${type}/schema`)
      }
    }
  }
  for (const [name, response] of Object.entries(spec.components?.responses ?? {})) {
    for (const [type, media] of Object.entries(response.content ?? {})) {
      visit(media.schema, `#/components/responses/${name}/content/${type}/schema`)
    }
  }
  return open
}
