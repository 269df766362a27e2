"""Reference: parse-only with openpyxl in read-only mode (Debian python3-openpyxl)."""
import resource
import sys
import time

import openpyxl

start = time.perf_counter()
wb = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
ws = wb.worksheets[0]
rows = 0
cells = 0
for row in ws.iter_rows(values_only=True):
    rows += 1
    cells += sum(1 for v in row if v is not None)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"openpyxl-parse rows={rows} seconds={seconds:.4f} peak_rss_mb={peak:.1f} cells={cells}")
