#include "io/xlsx_parts.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <utility>

#include "io/xlsx_common.hpp"
#include "io/xlsx_xml.hpp"

namespace mvis::io::sheet {
namespace {

// Far beyond real workbooks; they bound what a hostile workbook.xml can make us keep.
constexpr size_t kMaxSheets = 10000;
constexpr size_t kMaxRelationships = 50000;

bool IsTrue(const char* value) {
  return value != nullptr && (std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0);
}

int ParseInt(const char* value, int fallback) {
  if (value == nullptr) return fallback;
  int out = fallback;
  const char* end = value + std::strlen(value);
  if (std::from_chars(value, end, out).ec != std::errc()) return fallback;
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of an "_xHHHH_" at text[i], or -1.
int EscapeAt(std::string_view text, size_t i) {
  if (i > text.size() || text.size() - i < 7 || text[i] != '_' || text[i + 1] != 'x' ||
      text[i + 6] != '_')
    return -1;
  int unit = 0;
  for (size_t k = 2; k < 6; ++k) {
    int h = HexValue(text[i + k]);
    if (h < 0) return -1;
    unit = unit * 16 + h;
  }
  return unit;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

class RelationshipsHandler final : public XmlHandler {
 public:
  RelationshipsHandler(std::string_view source, std::vector<Relationship>& out)
      : source_(source), out_(out) {}

  void OnStart(std::string_view name, const char** atts) override {
    if (name != "Relationship") return;
    if (out_.size() >= kMaxRelationships) return Abort(XlsxInvalid("关系部件条目过多").error());
    const char* id = Attribute(atts, "Id");
    const char* type = Attribute(atts, "Type");
    const char* target = Attribute(atts, "Target");
    if (id == nullptr || type == nullptr || target == nullptr) return;
    Relationship rel{id, type, {}, false};
    const char* mode = Attribute(atts, "TargetMode");
    rel.external = mode != nullptr && std::strcmp(mode, "External") == 0;
    rel.target = rel.external ? std::string(target) : ResolveTarget(source_, target);
    out_.push_back(std::move(rel));
  }
  void OnEnd(std::string_view) override {}

 private:
  std::string_view source_;
  std::vector<Relationship>& out_;
};

class WorkbookHandler final : public XmlHandler {
 public:
  explicit WorkbookHandler(Workbook& out) : out_(out) {}

  void OnStart(std::string_view name, const char** atts) override {
    if (name == "workbookPr") {
      out_.date1904 = IsTrue(Attribute(atts, "date1904"));
    } else if (name == "sheet") {
      const char* sheet_name = Attribute(atts, "name");
      const char* id = Attribute(atts, "id");  // r:id
      if (sheet_name == nullptr || id == nullptr) return;
      if (out_.sheets.size() >= kMaxSheets) return Abort(XlsxInvalid("工作表过多").error());
      const char* state = Attribute(atts, "state");
      bool hidden = state != nullptr &&
                    (std::strcmp(state, "hidden") == 0 || std::strcmp(state, "veryHidden") == 0);
      out_.sheets.push_back(SheetEntry{sheet_name, id, !hidden});
    }
  }
  void OnEnd(std::string_view) override {}

 private:
  Workbook& out_;
};

class StylesHandler final : public XmlHandler {
 public:
  void OnStart(std::string_view name, const char** atts) override {
    if (name == "numFmt") {
      const char* code = Attribute(atts, "formatCode");
      int id = ParseInt(Attribute(atts, "numFmtId"), -1);
      if (code != nullptr && id >= 0) custom_[id] = FormatCodeKind(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      xf_formats_.push_back(ParseInt(Attribute(atts, "numFmtId"), 0));
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }

  std::vector<DateKind> Kinds() const {
    std::vector<DateKind> kinds;
    kinds.reserve(xf_formats_.size());
    for (int id : xf_formats_) {
      // A format the file defines wins over the built-in one with the same id.
      auto it = custom_.find(id);
      kinds.push_back(it != custom_.end() ? it->second : BuiltinFormatKind(id));
    }
    return kinds;
  }

 private:
  std::unordered_map<int, DateKind> custom_;
  std::vector<int> xf_formats_;
  bool in_cell_xfs_ = false;
};

}  // namespace

class SharedStringsHandler final : public XmlHandler {
 public:
  SharedStringsHandler(SharedStrings& out, const SheetLimits& limits)
      : out_(out), limits_(limits) {}

  void OnStart(std::string_view name, const char** atts) override {
    if (name == "si") {
      in_si_ = true;
      current_.clear();
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      wants_text_ = in_si_ && phonetic_depth_ == 0;
    } else if (name == "sst") {
      const char* unique = Attribute(atts, "uniqueCount");
      int n = ParseInt(unique, 0);
      if (n > 0) out_.ends_.reserve(static_cast<size_t>(std::min(n, 1 << 20)));
    }
  }

  void OnEnd(std::string_view name) override {
    if (name == "t") {
      wants_text_ = false;
    } else if (name == "rPh") {
      if (phonetic_depth_ > 0) --phonetic_depth_;
    } else if (name == "si") {
      in_si_ = false;
      DecodeOoxmlEscapes(current_);
      if (current_.size() > std::numeric_limits<uint32_t>::max() - out_.pool_.size()) {
        return Abort(XlsxInvalid("共享字符串过多").error());
      }
      out_.pool_ += current_;
      out_.ends_.push_back(static_cast<uint32_t>(out_.pool_.size()));
    }
  }

  void OnText(const char* data, size_t size) override {
    if (current_.size() + size > limits_.max_cell_bytes) {
      Abort(CellTooLarge(0, 0, limits_.max_cell_bytes).error());
      return;
    }
    current_.append(data, size);
  }

 private:
  SharedStrings& out_;
  const SheetLimits& limits_;
  std::string current_;
  bool in_si_ = false;
  int phonetic_depth_ = 0;
};

bool TypeIs(const Relationship& rel, std::string_view kind) {
  std::string_view type = rel.type;
  return type.size() > kind.size() && type.ends_with(kind) &&
         type[type.size() - kind.size() - 1] == '/';
}

std::string RelsPartFor(std::string_view source_part) {
  size_t slash = source_part.rfind('/');
  std::string_view dir = slash == std::string_view::npos ? "" : source_part.substr(0, slash + 1);
  std::string_view file =
      slash == std::string_view::npos ? source_part : source_part.substr(slash + 1);
  return std::string(dir) + "_rels/" + std::string(file) + ".rels";
}

std::string ResolveTarget(std::string_view source_part, std::string_view target) {
  std::string path;
  if (!target.empty() && (target.front() == '/' || target.front() == '\\')) {
    path = target.substr(1);
  } else {
    size_t slash = source_part.rfind('/');
    if (slash != std::string_view::npos) path = source_part.substr(0, slash + 1);
    path += target;
  }
  std::replace(path.begin(), path.end(), '\\', '/');
  std::vector<std::string_view> segments;
  std::string_view rest = path;
  while (!rest.empty()) {
    size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (seg.empty() || seg == ".") continue;
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
      continue;
    }
    segments.push_back(seg);
  }
  std::string out;
  for (std::string_view seg : segments) {
    if (!out.empty()) out.push_back('/');
    out += seg;
  }
  return out;
}

Result<std::vector<Relationship>> ReadRelationships(ZipPackage& package,
                                                    std::string_view source_part) {
  std::vector<Relationship> rels;
  auto entry = package.Find(RelsPartFor(source_part));
  if (!entry) return rels;
  RelationshipsHandler handler(source_part, rels);
  if (auto s = ParseXmlEntry(package, *entry, handler); !s) return std::unexpected(s.error());
  return rels;
}

Result<Workbook> ReadWorkbook(ZipPackage& package, size_t entry) {
  Workbook workbook;
  WorkbookHandler handler(workbook);
  if (auto s = ParseXmlEntry(package, entry, handler); !s) return std::unexpected(s.error());
  return workbook;
}

Result<SharedStrings> ReadSharedStrings(ZipPackage& package, size_t entry,
                                        const SheetLimits& limits) {
  SharedStrings strings;
  SharedStringsHandler handler(strings, limits);
  if (auto s = ParseXmlEntry(package, entry, handler); !s) return std::unexpected(s.error());
  return strings;
}

Result<std::vector<DateKind>> ReadStyles(ZipPackage& package, size_t entry) {
  StylesHandler handler;
  if (auto s = ParseXmlEntry(package, entry, handler); !s) return std::unexpected(s.error());
  return handler.Kinds();
}

void DecodeOoxmlEscapes(std::string& text) {
  size_t first = text.find("_x");
  if (first == std::string::npos) return;
  std::string out(text, 0, first);
  std::string_view in = text;
  size_t i = first;
  while (i < in.size()) {
    int unit = in[i] == '_' ? EscapeAt(in, i) : -1;
    if (unit <= 0) {  // not an escape (or NUL, kept as written)
      out.push_back(in[i++]);
      continue;
    }
    uint32_t cp = static_cast<uint32_t>(unit);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      int low = EscapeAt(in, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(out, 0x10000 + ((cp - 0xD800) << 10) + (static_cast<uint32_t>(low) - 0xDC00));
        i += 14;
        continue;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) {  // a lone surrogate: keep the escape as written
      out.push_back(in[i++]);
      continue;
    }
    AppendUtf8(out, cp);
    i += 7;
  }
  text = std::move(out);
}

}  // namespace mvis::io::sheet
