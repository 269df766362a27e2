// The zip package of an .xlsx upload. Open() first checks the central directory itself — entry
// count, duplicate names, entries whose data overlap (the "better zip bomb"), declared sizes and
// compression ratios, encryption and compression methods — and only then hands the bytes to
// libzip, which inflates the few parts the reader asks for. While inflating, the bytes actually
// produced are counted against the same limits, so lying headers cannot get past them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.hpp"
#include "io/spreadsheet_reader.hpp"

struct zip;
struct zip_file;

namespace mvis::io::sheet {

// Declared ratios count only once an entry inflates past this many bytes, so that tiny parts
// which compress well (styles, empty sheets) never trip the ratio limit.
inline constexpr uint64_t kRatioFloorBytes = 1 << 20;

class ZipPackage;

// One entry being inflated. Read() fills `buffer` and returns the number of bytes (0 at the end).
class ZipEntryReader {
 public:
  ZipEntryReader(ZipEntryReader&& other) noexcept;
  ZipEntryReader& operator=(ZipEntryReader&&) = delete;
  ~ZipEntryReader();

  Result<size_t> Read(char* buffer, size_t capacity);
  uint64_t declared_size() const { return declared_size_; }

 private:
  friend class ZipPackage;
  ZipEntryReader(ZipPackage* package, zip_file* file, uint64_t declared_size, uint64_t limit);

  ZipPackage* package_;
  zip_file* file_;
  uint64_t declared_size_;
  uint64_t limit_;  // most this entry may inflate to
  uint64_t produced_ = 0;
};

class ZipPackage {
 public:
  // Validates the archive in `bytes` (which must outlive the package) against `limits`.
  static Result<std::unique_ptr<ZipPackage>> Open(std::string_view bytes,
                                                  const SheetLimits& limits);
  ~ZipPackage();
  ZipPackage(const ZipPackage&) = delete;
  ZipPackage& operator=(const ZipPackage&) = delete;

  // The entry named `name`: ASCII case is ignored (OPC part names are case-insensitive) and so is
  // a leading '/'.
  std::optional<size_t> Find(std::string_view name) const;
  const std::string& name(size_t entry) const { return entries_[entry].name; }

  Result<ZipEntryReader> OpenEntry(size_t entry);

 private:
  friend class ZipEntryReader;
  struct Entry {
    std::string name;
    std::string key;  // lower-case name without a leading '/'
    uint64_t compressed = 0;
    uint64_t uncompressed = 0;
    uint64_t header_offset = 0;
    uint64_t data_end = 0;  // end of the compressed data
    uint64_t libzip_index = 0;
  };

  ZipPackage(std::string_view bytes, const SheetLimits& limits);
  Status ParseCentralDirectory();
  Status OpenLibzip();

  std::string_view bytes_;
  const SheetLimits& limits_;
  std::vector<Entry> entries_;
  std::vector<size_t> by_key_;  // entry indexes sorted by key
  zip* archive_ = nullptr;
  uint64_t total_inflated_ = 0;
};

}  // namespace mvis::io::sheet
