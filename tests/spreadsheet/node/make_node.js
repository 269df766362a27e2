// Writes the SheetJS (xlsx) and exceljs part of the spreadsheet-reader test corpus into the
// folder given as the first argument. The tables match tests/unit/spreadsheet_reader_test.cpp;
// keep them in step with ../make_openpyxl.py.
'use strict';
const path = require('path');
const XLSX = require('xlsx');
const ExcelJS = require('exceljs');

const out = process.argv[2];
const HEADER = ['名称', '数量', '单价', '启用', '检定日期', '登记时间', '备注'];
// Dates are built in UTC and written with UTC semantics so the machine's zone never matters.
const utc = (y, m, d, hh = 0, mm = 0, ss = 0) => new Date(Date.UTC(y, m - 1, d, hh, mm, ss));
// Excel serial (1900 system) of a UTC date.
const serial = (date) => date.getTime() / 86400000 + 25569;

function sheetjsCore() {
  const notes = XLSX.utils.aoa_to_sheet([['隐藏的说明页']]);
  const ws = {
    '!ref': 'A1:G5',
    A1: { t: 's', v: HEADER[0] }, B1: { t: 's', v: HEADER[1] }, C1: { t: 's', v: HEADER[2] },
    D1: { t: 's', v: HEADER[3] }, E1: { t: 's', v: HEADER[4] }, F1: { t: 's', v: HEADER[5] },
    G1: { t: 's', v: HEADER[6] },
    A2: { t: 's', v: '电子秤' }, B2: { t: 'n', v: 3 }, C2: { t: 'n', v: 12.5 },
    D2: { t: 'b', v: true },
    E2: { t: 'n', v: serial(utc(2024, 3, 1)), z: 'yyyy-mm-dd' },
    F2: { t: 'n', v: serial(utc(2024, 3, 1, 8, 30, 15)), z: 'yyyy-mm-dd hh:mm:ss' },
    G2: { t: 's', v: 'A&B <"引号">' },
    A3: { t: 's', v: '压力表' }, B3: { t: 'n', v: 20240001 }, C3: { t: 'n', v: -0.25 },
    D3: { t: 'b', v: false }, E3: { t: 'n', v: serial(utc(2000, 2, 29)), z: 'm/d/yy' },  // SheetJS maps it to built-in 14
    A5: { t: 's', v: '间隔' }, C5: { t: 's', v: '跳过B列' },
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, notes, '说明');
  XLSX.utils.book_append_sheet(wb, ws, '器具清单');
  wb.Workbook = { Sheets: [{ Hidden: 1 }, { Hidden: 0 }] };
  // Once with a shared-string table, once without (cells then carry t="str").
  XLSX.writeFile(wb, path.join(out, 'sheetjs-core.xlsx'), { bookSST: true });
  XLSX.writeFile(wb, path.join(out, 'sheetjs-core-nosst.xlsx'), { bookSST: false });
}

function sheetjsExtras() {
  const ws = {
    '!ref': 'A1:C2',
    A1: { t: 'n', v: 3 },
    B1: { t: 'n', v: 6, f: 'A1*2' },
    C1: { t: 's', v: 'abc', f: '"ab"&"c"' },
    A2: { t: 'e', v: 0x07 },  // #DIV/0!
    B2: { t: 'n', v: 1500 },
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
  XLSX.writeFile(wb, path.join(out, 'sheetjs-formulas.xlsx'));

  const ws1904 = XLSX.utils.aoa_to_sheet([[0], [0]]);
  // 1904 system: serials count from 1904-01-01.
  ws1904.A1 = { t: 'n', v: serial(utc(2024, 3, 1)) - 1462, z: 'yyyy-mm-dd' };
  ws1904.A2 = { t: 'n', v: serial(utc(1990, 5, 6, 12)) - 1462, z: 'yyyy-mm-dd hh:mm' };
  const wb1904 = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb1904, ws1904, 'Sheet1');
  wb1904.Workbook = { WBProps: { date1904: true } };
  XLSX.writeFile(wb1904, path.join(out, 'sheetjs-1904.xlsx'));
}

async function exceljsCore() {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('说明', { state: 'hidden' });
  notes.getCell('A1').value = '隐藏的说明页';
  const ws = wb.addWorksheet('器具清单');
  ws.addRow(HEADER);
  ws.addRow(['电子秤', 3, 12.5, true, utc(2024, 3, 1), utc(2024, 3, 1, 8, 30, 15), 'A&B <"引号">']);
  ws.getCell('E2').numFmt = 'yyyy-mm-dd';
  ws.getCell('F2').numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.addRow(['压力表', 20240001, -0.25, false, utc(2000, 2, 29)]);
  ws.getCell('E3').numFmt = 'm/d/yy';
  ws.getCell('A5').value = '间隔';
  ws.getCell('C5').value = '跳过B列';
  wb.views = [{ activeTab: 1 }];
  await wb.xlsx.writeFile(path.join(out, 'exceljs-core.xlsx'));
}

async function exceljsExtras() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.getCell('A1').value = 3;
  ws.getCell('B1').value = { formula: 'A1*2', result: 6 };
  ws.getCell('C1').value = { formula: '"ab"&"c"', result: 'abc' };
  ws.getCell('A2').value = { error: '#DIV/0!' };
  ws.getCell('B2').value = {
    richText: [{ font: { bold: true, color: { argb: 'FFFF0000' } }, text: '红色' },
               { text: '普通' }],
  };
  await wb.xlsx.writeFile(path.join(out, 'exceljs-formulas.xlsx'));

  const wb1904 = new ExcelJS.Workbook();
  wb1904.properties.date1904 = true;
  const s = wb1904.addWorksheet('Sheet1');
  s.getCell('A1').value = utc(2024, 3, 1);
  s.getCell('A1').numFmt = 'yyyy-mm-dd';
  s.getCell('A2').value = utc(1990, 5, 6, 12);
  s.getCell('A2').numFmt = 'yyyy-mm-dd hh:mm';
  await wb1904.xlsx.writeFile(path.join(out, 'exceljs-1904.xlsx'));

  // The streaming writer: shared strings off, so strings go inline.
  const stream = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: path.join(out, 'exceljs-stream.xlsx'), useSharedStrings: false, useStyles: true,
  });
  const st = stream.addWorksheet('器具清单');
  st.addRow(HEADER).commit();
  st.addRow(['电子秤', 3, 12.5, true]).commit();
  await st.commit();
  await stream.commit();
}

(async () => {
  sheetjsCore();
  sheetjsExtras();
  await exceljsCore();
  await exceljsExtras();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
