// `GET /instrument-fields` as the server answers it (src/domain/instrument_fields.cpp), for tests.
import type { InstrumentField } from './api/types'

type Req = InstrumentField['required']

const text = (key: string, label: string, required: Req, max_length: number): InstrumentField => ({
  key,
  label,
  header: label,
  type: 'text',
  required,
  max_length,
  min: null,
  max: null,
  min_exclusive: false,
  unit: '',
})

const code = (key: string, label: string, required: Req, type: InstrumentField['type'] = 'code'): InstrumentField => ({
  ...text(key, label, required, 0),
  type,
})

const number = (key: string, label: string, min: number | null, max: number | null, unit: string, required: Req = 'charger'): InstrumentField => ({
  key,
  label,
  header: unit ? `${label}(${unit})` : label,
  type: 'number',
  required,
  max_length: 0,
  min,
  max,
  min_exclusive: min !== null,
  unit,
})

export const INSTRUMENT_FIELDS_FIXTURE: InstrumentField[] = [
  code('type_code', '器具类型', 'always'),
  text('name', '器具名称', 'always', 100),
  text('model', '型号规格', 'always', 100),
  text('serial_no', '出厂编号', 'always', 64),
  text('manufacturer', '制造单位', 'always', 200),
  text('brand', '品牌', 'always', 100),
  text('accuracy_class', '准确度等级', 'always', 20),
  text('measuring_range', '测量范围', 'optional', 100),
  text('install_address', '安装地址', 'always', 200),
  code('install_region_code', '安装区域', 'always'),
  code('use', '用途', 'always'),
  code('in_use_date', '投入使用日期', 'always', 'date'),
  text('asset_no', '资产编号', 'optional', 64),
  text('notes', '备注', 'optional', 500),
  code('charger.current_type', '交直流', 'charger'),
  number('charger.rated_power_kw', '额定功率', 0, 1000, 'kW'),
  number('charger.rated_voltage_v', '额定电压', 0, 1500, 'V'),
  number('charger.max_current_a', '最大电流', 0, 1000, 'A'),
  number('charger.min_current_a', '最小电流', 0, 1000, 'A'),
  { ...number('charger.connector_count', '充电接口数量', 1, 16, ''), header: '接口数量', type: 'integer', min_exclusive: false },
  text('charger.station_name', '充电站名称', 'charger', 100),
  text('charger.equipment_id', '设备编码', 'optional', 64),
  code('charger.tou_billing', '分时计费', 'charger', 'flag'),
  number('charger.longitude', '经度', null, null, '', 'optional'),
  number('charger.latitude', '纬度', null, null, '', 'optional'),
]
