// @vitest-environment node
// The 双随机一公开 bodies the UI's tests use (src/lib/inspection.fixture.ts) are answers the contract
// allows: openapi.json and INSPECTION_API.md describe the same shapes.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createContract } from './response-contract.mjs'
import {
  inspectorFixture,
  itemFixture,
  objectFixture,
  planFixture,
  publicResultFixture,
  statRowFixture,
  taskFixture,
} from '../src/lib/inspection.fixture.ts'

const contract = createContract(JSON.parse(readFileSync(new URL('../../src/http/openapi.json', import.meta.url), 'utf8')))
const answer = (path, body, method = 'GET', status = 200) => ({
  method,
  path,
  query: '',
  status,
  content_type: 'application/json',
  body: JSON.stringify(body),
})

describe('inspection fixtures match openapi.json', () => {
  it.each([
    ['an item page', answer('/api/v1/inspection-items', { items: [itemFixture], total: 1 })],
    ['an inspector', answer('/api/v1/inspectors/5', inspectorFixture, 'PUT')],
    ['a plan with its timeline', answer('/api/v1/inspection-plans/9', planFixture)],
    ['a task with objects, events and checks', answer('/api/v1/inspection-tasks/12', taskFixture)],
    ['a task page', answer('/api/v1/inspection-tasks', { items: [{ ...taskFixture, objects: undefined, events: undefined, checks: undefined }], total: 1 })],
    ['an object', answer('/api/v1/inspection-tasks/12/objects/40', objectFixture)],
    ['my inspections', answer('/api/v1/inspection-tasks/mine', { items: [{ task_id: 12, task_name: 'x', task_date: '2027-03-15', object_id: 40, org_name: 'y', status: 'pending', signed: false }] })],
    ['statistics', answer('/api/v1/inspection-statistics', { districts: [statRowFixture], tasks: [{ ...statRowFixture, task_id: 12, task_name: 'x' }] })],
    ['the work calendar', answer('/api/v1/work-calendar', { items: [{ date: '2027-02-11', kind: 'holiday', name: '春节' }] })],
    ['public results', answer('/api/v1/public/announcements', { items: [publicResultFixture], total: 1 })],
  ])('%s', (_name, record) => {
    expect(contract.check(record).failures).toEqual([])
  })

  it('refuses an object without its record fields', () => {
    const { checks: _checks, ...partial } = objectFixture
    expect(contract.check(answer('/api/v1/inspection-tasks/12/objects/40', partial)).failures).not.toEqual([])
  })
})
