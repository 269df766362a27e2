#include "io/xlsx_writer.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace mvis::io {

std::string EscapeCell(const std::string& text) {
  if (text.empty()) return text;
  char c = text[0];
  if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' || c == '\0') {
    std::string out = "'" + text;
    for (auto& ch : out) {
      if (ch == '\0') ch = ' ';  // XML cannot carry NUL
    }
    return out;
  }
  return text;
}

namespace {

// A workbook written to a private temporary file (libxlsxwriter has no memory target in this
// version); Finish closes it and returns the file's bytes.
class TempWorkbook {
 public:
  explicit TempWorkbook(bool constant_memory = true) {
    static std::atomic<uint64_t> counter{0};
    auto dir = std::filesystem::temp_directory_path();
    path_ = (dir /
             ("mvis-xlsx-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".xlsx"))
                .string();
    tmpdir_ = dir.string();
    lxw_workbook_options options = {};
    options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
    options.tmpdir = tmpdir_.data();
    workbook_ = workbook_new_opt(path_.c_str(), &options);
  }
  ~TempWorkbook() { std::remove(path_.c_str()); }
  lxw_workbook* get() { return workbook_; }
  Result<std::string> Finish() {
    lxw_error err = workbook_close(workbook_);
    workbook_ = nullptr;
    if (err != LXW_NO_ERROR)
      return Fail(ErrorKind::kInternal, "export_failed", "Excel 文件生成失败");
    std::ifstream in(path_, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
  }

 private:
  std::string path_;
  std::string tmpdir_;
  lxw_workbook* workbook_ = nullptr;
};

std::string ColumnName(size_t c) {
  std::string out;
  for (size_t n = c + 1; n > 0; n = (n - 1) / 26)
    out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
  return out;
}

}  // namespace

Result<std::string> WriteTemplate(const TemplateSpec& spec) {
  TempWorkbook book;
  lxw_workbook* wb = book.get();
  if (!wb) return Fail(ErrorKind::kInternal, "export_failed", "Excel 文件生成失败");
  lxw_worksheet* sheet = workbook_add_worksheet(wb, spec.sheet_name.c_str());
  lxw_worksheet* help = workbook_add_worksheet(wb, spec.instructions_sheet.c_str());
  lxw_worksheet* options = workbook_add_worksheet(wb, "选项");

  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_text_wrap(header);
  lxw_format* required = workbook_add_format(wb);
  format_set_bold(required);
  format_set_bg_color(required, 0xDDEBF7);
  format_set_font_color(required, 0xC00000);
  format_set_text_wrap(required);
  lxw_format* example = workbook_add_format(wb);
  format_set_font_color(example, 0x808080);
  format_set_italic(example);
  lxw_format* date_format = workbook_add_format(wb);
  format_set_num_format(date_format, "yyyy-mm-dd");
  lxw_format* example_date = workbook_add_format(wb);
  format_set_num_format(example_date, "yyyy-mm-dd");
  format_set_font_color(example_date, 0x808080);
  format_set_italic(example_date);
  lxw_format* text_format = workbook_add_format(wb);
  format_set_num_format(text_format, "@");

  // Lists on the hidden options sheet, one column each (written first: constant-memory mode
  // writes rows in order).
  size_t longest = 0;
  for (const auto& [name, values] : spec.lists) longest = std::max(longest, values.size());
  for (size_t c = 0; c < spec.lists.size(); ++c)
    worksheet_write_string(options, 0, c, spec.lists[c].first.c_str(), nullptr);
  for (size_t r = 0; r < longest; ++r) {
    for (size_t c = 0; c < spec.lists.size(); ++c) {
      const auto& values = spec.lists[c].second;
      if (r < values.size()) worksheet_write_string(options, r + 1, c, values[r].c_str(), nullptr);
    }
  }
  worksheet_hide(options);

  for (size_t c = 0; c < spec.columns.size(); ++c) {
    const auto& col = spec.columns[c];
    worksheet_set_column(sheet, c, c, col.width, col.date ? date_format : text_format);
    std::string title = col.header + (col.required ? "*" : "");
    worksheet_write_string(sheet, 0, c, title.c_str(), col.required ? required : header);
  }
  worksheet_set_row(sheet, 0, 30, nullptr);
  for (size_t c = 0; c < spec.example_row.size() && c < spec.columns.size(); ++c) {
    const std::string& v = spec.example_row[c];
    if (v.empty()) continue;
    if (spec.columns[c].date && v.size() == 10) {
      lxw_datetime dt = {
          std::stoi(v.substr(0, 4)), std::stoi(v.substr(5, 2)), std::stoi(v.substr(8, 2)), 0, 0, 0};
      worksheet_write_datetime(sheet, 1, c, &dt, example_date);
    } else {
      worksheet_write_string(sheet, 1, c, v.c_str(), example);
    }
  }
  worksheet_freeze_panes(sheet, 1, 0);

  std::vector<std::string> formulas(spec.columns.size());
  for (size_t c = 0; c < spec.columns.size(); ++c) {
    const auto& col = spec.columns[c];
    lxw_data_validation v = {};
    std::string title = col.header;
    std::string hint = col.hint;
    if (!hint.empty()) {
      v.input_title = title.data();
      v.input_message = hint.data();
    }
    if (!col.list.empty()) {
      for (size_t l = 0; l < spec.lists.size(); ++l) {
        if (spec.lists[l].first != col.list) continue;
        std::string letter = ColumnName(l);
        formulas[c] = "='选项'!$" + letter + "$2:$" + letter + "$" +
                      std::to_string(spec.lists[l].second.size() + 1);
      }
      v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      v.value_formula = formulas[c].data();
      v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    } else if (col.date) {
      v.validate = LXW_VALIDATION_TYPE_DATE;
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_datetime = {1990, 1, 1, 0, 0, 0};
      v.maximum_datetime = {2100, 12, 31, 0, 0, 0};
      v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    } else if (hint.empty()) {
      continue;
    } else {
      v.validate = LXW_VALIDATION_TYPE_ANY;
    }
    worksheet_data_validation_range(sheet, 1, c, spec.validated_rows, c, &v);
  }

  worksheet_set_column(help, 0, 0, 110, nullptr);
  lxw_format* wrap = workbook_add_format(wb);
  format_set_text_wrap(wrap);
  for (size_t r = 0; r < spec.instructions.size(); ++r) {
    worksheet_write_string(help, r, 0, spec.instructions[r].c_str(), r == 0 ? header : wrap);
  }
  worksheet_activate(sheet);
  return book.Finish();
}

Result<std::string> WriteXlsxTable(const std::string& sheet_name,
                                   const std::vector<XlsxColumn>& columns,
                                   const std::function<bool(std::vector<std::string>&)>& next_row) {
  TempWorkbook book;
  lxw_workbook* workbook = book.get();
  if (!workbook) return Fail(ErrorKind::kInternal, "export_failed", "导出文件生成失败");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  for (size_t c = 0; c < columns.size(); ++c) {
    worksheet_set_column(sheet, c, c, columns[c].width, nullptr);
    worksheet_write_string(sheet, 0, c, columns[c].header.c_str(), bold);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  lxw_row_t row = 1;
  std::vector<std::string> cells;
  while (true) {
    cells.clear();
    if (!next_row(cells)) break;
    for (size_t c = 0; c < cells.size() && c < columns.size(); ++c) {
      if (!cells[c].empty())
        worksheet_write_string(sheet, row, c, EscapeCell(cells[c]).c_str(), nullptr);
    }
    ++row;
  }
  if (row > 1) worksheet_autofilter(sheet, 0, 0, row - 1, columns.size() - 1);
  return book.Finish();
}

Result<std::string> WriteXlsxWorkbook(const std::vector<XlsxSheet>& sheets) {
  TempWorkbook book(false);  // charts read their ranges back, so not row by row
  lxw_workbook* workbook = book.get();
  if (!workbook) return Fail(ErrorKind::kInternal, "export_failed", "导出文件生成失败");
  lxw_format* bold = workbook_add_format(workbook);
  format_set_bold(bold);
  format_set_bg_color(bold, 0xDDEBF7);
  for (const auto& spec : sheets) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook, spec.name.c_str());
    for (size_t c = 0; c < spec.columns.size(); ++c) {
      worksheet_set_column(sheet, c, c, spec.columns[c].width, nullptr);
      worksheet_write_string(sheet, 0, c, spec.columns[c].header.c_str(), bold);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    for (size_t r = 0; r < spec.rows.size(); ++r) {
      for (size_t c = 0; c < spec.rows[r].size() && c < spec.columns.size(); ++c) {
        const auto& v = spec.rows[r][c];
        if (const auto* n = std::get_if<double>(&v)) {
          worksheet_write_number(sheet, r + 1, c, *n, nullptr);
        } else if (const auto& text = std::get<std::string>(v); !text.empty()) {
          worksheet_write_string(sheet, r + 1, c, EscapeCell(text).c_str(), nullptr);
        }
      }
    }
    if (spec.chart && !spec.rows.empty()) {
      lxw_chart* chart = workbook_add_chart(workbook, LXW_CHART_BAR);
      const auto last = static_cast<lxw_row_t>(spec.rows.size());
      for (int col : spec.chart->value_columns) {
        lxw_chart_series* series = chart_add_series(chart, nullptr, nullptr);
        chart_series_set_categories(series, spec.name.c_str(), 1, spec.chart->category_column, last,
                                    spec.chart->category_column);
        chart_series_set_values(series, spec.name.c_str(), 1, col, last, col);
        chart_series_set_name_range(series, spec.name.c_str(), 0, col);
      }
      chart_title_set_name(chart, spec.chart->title.c_str());
      worksheet_insert_chart(sheet, last + 2, 0, chart);
    }
  }
  return book.Finish();
}

}  // namespace mvis::io
