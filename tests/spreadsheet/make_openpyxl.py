"""Writes the openpyxl part of the spreadsheet-reader test corpus into the folder argv[1].

Run with Debian's interpreter (/usr/bin/python3, package python3-openpyxl). The tables match
what tests/unit/spreadsheet_reader_test.cpp expects; keep them in step with make_node.js.
"""
import datetime
import sys

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

out = sys.argv[1]


def core(path):
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "说明"
    notes["A1"] = "隐藏的说明页"
    notes.sheet_state = "hidden"
    ws = wb.create_sheet("器具清单")
    wb.active = 1
    ws.append(["名称", "数量", "单价", "启用", "检定日期", "登记时间", "备注"])
    ws.append(["电子秤", 3, 12.5, True, datetime.date(2024, 3, 1),
               datetime.datetime(2024, 3, 1, 8, 30, 15), 'A&B <"引号">'])
    ws["E2"].number_format = "yyyy-mm-dd"
    ws["F2"].number_format = "yyyy-mm-dd hh:mm:ss"
    ws.append(["压力表", 20240001, -0.25, False, datetime.date(2000, 2, 29)])
    ws["E3"].number_format = "m/d/yy"  # built-in format 14
    ws["A5"] = "间隔"
    ws["C5"] = "跳过B列"
    wb.save(path)


def date1904(path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws["A1"] = datetime.date(2024, 3, 1)
    ws["A1"].number_format = "yyyy-mm-dd"
    ws["A2"] = datetime.datetime(1990, 5, 6, 12, 0, 0)
    ws["A2"].number_format = "yyyy-mm-dd hh:mm"
    wb.save(path)


def formats(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "格式"
    ws["A1"] = datetime.date(2023, 12, 31)
    ws["A1"].number_format = 'yyyy"年"m"月"d"日"'
    ws["A2"] = datetime.time(12, 0, 0)
    ws["A2"].number_format = "h:mm"
    ws["A3"] = 3.14159
    ws["A3"].number_format = "0.00"
    ws["A4"] = 1234567
    ws["A4"].number_format = "#,##0"
    ws["A5"] = -2.5
    ws["A5"].number_format = "[Red]0.00"
    ws["A6"] = 45000
    ws["A6"].number_format = '0" 天"'
    ws["A7"] = 3
    ws["B7"] = "=A7*2"  # openpyxl stores no cached value; LibreOffice computes it
    wb.save(path)


core(f"{out}/openpyxl-core.xlsx")
date1904(f"{out}/openpyxl-1904.xlsx")
formats(f"{out}/openpyxl-formats.xlsx")
