#include "io/xlsx_zip.hpp"

#include <zip.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "io/xlsx_common.hpp"

namespace mvis::io::sheet {
namespace {

constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr size_t kEndSize = 22;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kLocalHeaderSize = 30;

uint16_t Le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
uint32_t Le32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t Le64(const unsigned char* p) {
  return static_cast<uint64_t>(Le32(p)) | (static_cast<uint64_t>(Le32(p + 4)) << 32);
}

std::string KeyOf(std::string_view name) {
  if (!name.empty() && name.front() == '/') name.remove_prefix(1);
  std::string key(name);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '\\') c = '/';
  }
  return key;
}

}  // namespace

ZipEntryReader::ZipEntryReader(ZipPackage* package, zip_file* file, uint64_t declared_size,
                               uint64_t limit)
    : package_(package), file_(file), declared_size_(declared_size), limit_(limit) {}

ZipEntryReader::ZipEntryReader(ZipEntryReader&& other) noexcept
    : package_(other.package_),
      file_(std::exchange(other.file_, nullptr)),
      declared_size_(other.declared_size_),
      limit_(other.limit_),
      produced_(other.produced_) {}

ZipEntryReader::~ZipEntryReader() {
  if (file_ != nullptr) zip_fclose(file_);
}

Result<size_t> ZipEntryReader::Read(char* buffer, size_t capacity) {
  zip_int64_t n = zip_fread(file_, buffer, capacity);
  if (n < 0) return ZipInvalid("数据校验失败");
  auto got = static_cast<uint64_t>(n);
  produced_ += got;
  // The entry may not inflate past what its header declared (the declared size already passed
  // the ratio and total checks), and the package not past the total limit.
  if (produced_ > limit_) return ZipBomb();
  package_->total_inflated_ += got;
  if (package_->total_inflated_ > package_->limits_.max_uncompressed_bytes) {
    return UncompressedTooLarge(package_->limits_.max_uncompressed_bytes);
  }
  if (got == 0 && produced_ != declared_size_) return ZipInvalid("数据长度与目录不符");
  return static_cast<size_t>(got);
}

ZipPackage::ZipPackage(std::string_view bytes, const SheetLimits& limits)
    : bytes_(bytes), limits_(limits) {}

ZipPackage::~ZipPackage() {
  if (archive_ != nullptr) zip_discard(archive_);
}

Result<std::unique_ptr<ZipPackage>> ZipPackage::Open(std::string_view bytes,
                                                     const SheetLimits& limits) {
  std::unique_ptr<ZipPackage> package(new ZipPackage(bytes, limits));
  if (auto s = package->ParseCentralDirectory(); !s) return std::unexpected(s.error());
  if (auto s = package->OpenLibzip(); !s) return std::unexpected(s.error());
  return package;
}

Status ZipPackage::ParseCentralDirectory() {
  const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data());
  const uint64_t size = bytes_.size();
  if (size < kEndSize) return ZipInvalid("文件不完整");

  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  uint64_t lowest = size > kEndSize + 0xFFFF ? size - kEndSize - 0xFFFF : 0;
  uint64_t end = std::numeric_limits<uint64_t>::max();
  for (uint64_t i = size - kEndSize + 1; i-- > lowest;) {
    if (Le32(p + i) == kEndSig) {
      end = i;
      break;
    }
  }
  if (end == std::numeric_limits<uint64_t>::max()) return ZipInvalid("缺少目录，文件可能不完整");
  if (Le16(p + end + 4) != 0 || Le16(p + end + 6) != 0 || Le16(p + end + 8) != Le16(p + end + 10)) {
    return ZipInvalid("不支持分卷压缩");
  }
  uint64_t count = Le16(p + end + 10);
  uint64_t cd_size = Le32(p + end + 12);
  uint64_t cd_offset = Le32(p + end + 16);
  if (count == 0xFFFF || cd_size == 0xFFFFFFFF || cd_offset == 0xFFFFFFFF) {
    if (end >= 20 && Le32(p + end - 20) == kZip64LocatorSig) {
      uint64_t z64 = Le64(p + end - 20 + 8);
      if (z64 > end - 20 || end - 20 - z64 < 56 || Le32(p + z64) != kZip64EndSig) {
        return ZipInvalid("ZIP64 目录损坏");
      }
      count = Le64(p + z64 + 32);
      cd_size = Le64(p + z64 + 40);
      cd_offset = Le64(p + z64 + 48);
    }
  }
  if (count > limits_.max_entries) return ZipTooManyEntries(limits_.max_entries);
  if (cd_offset > end || cd_size > end - cd_offset) return ZipInvalid("目录超出文件范围");

  entries_.reserve(count);
  uint64_t pos = cd_offset;
  const uint64_t cd_end = cd_offset + cd_size;
  for (uint64_t i = 0; i < count; ++i) {
    if (cd_end - pos < kCentralHeaderSize || Le32(p + pos) != kCentralHeaderSig) {
      return ZipInvalid("目录损坏");
    }
    const unsigned char* h = p + pos;
    uint16_t flags = Le16(h + 8);
    uint16_t method = Le16(h + 10);
    uint64_t compressed = Le32(h + 20);
    uint64_t uncompressed = Le32(h + 24);
    uint64_t name_len = Le16(h + 28);
    uint64_t extra_len = Le16(h + 30);
    uint64_t comment_len = Le16(h + 32);
    uint64_t offset = Le32(h + 42);
    if (cd_end - pos - kCentralHeaderSize < name_len + extra_len + comment_len) {
      return ZipInvalid("目录损坏");
    }
    // ZIP64 extended information: 8-byte values for the fields saturated above, in this order.
    const unsigned char* x = h + kCentralHeaderSize + name_len;
    const unsigned char* x_end = x + extra_len;
    while (x_end - x >= 4) {
      uint16_t id = Le16(x);
      uint16_t len = Le16(x + 2);
      if (x_end - x - 4 < len) break;
      if (id == 1) {
        const unsigned char* v = x + 4;
        const unsigned char* v_end = v + len;
        for (uint64_t* field : {&uncompressed, &compressed, &offset}) {
          if (*field != 0xFFFFFFFF) continue;
          if (v_end - v < 8) return ZipInvalid("目录损坏");
          *field = Le64(v);
          v += 8;
        }
      }
      x += 4 + len;
    }
    if (flags & 1) return ZipInvalid("文件已加密");
    if (method != 0 && method != 8) return ZipInvalid("不支持的压缩方式");
    if (method == 0 && compressed != uncompressed) return ZipInvalid("目录损坏");

    // The data starts after the local header, whose name and extra field may differ in length
    // from the central copy.
    if (offset > cd_offset || cd_offset - offset < kLocalHeaderSize ||
        Le32(p + offset) != kLocalHeaderSig) {
      return ZipInvalid("部件位置错误");
    }
    uint64_t data_start = offset + kLocalHeaderSize + Le16(p + offset + 26) + Le16(p + offset + 28);
    if (data_start > cd_offset || compressed > cd_offset - data_start) {
      return ZipInvalid("部件超出文件范围");
    }
    Entry e;
    e.name.assign(reinterpret_cast<const char*>(h + kCentralHeaderSize), name_len);
    e.key = KeyOf(e.name);
    e.compressed = compressed;
    e.uncompressed = uncompressed;
    e.header_offset = offset;
    e.data_end = data_start + compressed;
    e.libzip_index = i;
    entries_.push_back(std::move(e));
    pos += kCentralHeaderSize + name_len + extra_len + comment_len;
  }

  uint64_t total = 0;
  for (const Entry& e : entries_) {
    const uint64_t limit = limits_.max_uncompressed_bytes;
    if (e.uncompressed > limit || total > limit - e.uncompressed) {
      return UncompressedTooLarge(limits_.max_uncompressed_bytes);
    }
    total += e.uncompressed;
    if (e.uncompressed > kRatioFloorBytes &&
        static_cast<double>(e.uncompressed) >
            static_cast<double>(e.compressed) * limits_.max_compression_ratio) {
      return ZipBomb();
    }
  }

  // Entries sharing compressed data let a small file inflate many times over: each entry's
  // header and data must end before the next entry's header starts.
  std::vector<const Entry*> by_offset;
  by_offset.reserve(entries_.size());
  for (const Entry& e : entries_) by_offset.push_back(&e);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const Entry* a, const Entry* b) { return a->header_offset < b->header_offset; });
  for (size_t i = 1; i < by_offset.size(); ++i) {
    if (by_offset[i - 1]->data_end > by_offset[i]->header_offset) return ZipBomb();
  }

  by_key_.resize(entries_.size());
  for (size_t i = 0; i < entries_.size(); ++i) by_key_[i] = i;
  std::sort(by_key_.begin(), by_key_.end(),
            [this](size_t a, size_t b) { return entries_[a].key < entries_[b].key; });
  for (size_t i = 1; i < by_key_.size(); ++i) {
    if (entries_[by_key_[i - 1]].key == entries_[by_key_[i]].key) {
      return ZipInvalid("包含重名部件");
    }
  }
  return {};
}

Status ZipPackage::OpenLibzip() {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes_.data(), bytes_.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return ZipInvalid("无法读取压缩结构");
  }
  archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (archive_ == nullptr) {
    zip_source_free(source);
    return ZipInvalid("无法读取压缩结构");
  }
  if (zip_get_num_entries(archive_, 0) != static_cast<zip_int64_t>(entries_.size())) {
    return ZipInvalid("目录损坏");
  }
  return {};
}

std::optional<size_t> ZipPackage::Find(std::string_view name) const {
  std::string key = KeyOf(name);
  auto it =
      std::lower_bound(by_key_.begin(), by_key_.end(), key,
                       [this](size_t i, const std::string& k) { return entries_[i].key < k; });
  if (it == by_key_.end() || entries_[*it].key != key) return std::nullopt;
  return *it;
}

Result<ZipEntryReader> ZipPackage::OpenEntry(size_t entry) {
  const Entry& e = entries_[entry];
  // libzip numbers entries in central-directory order, as ParseCentralDirectory does; confirm it.
  const char* name = zip_get_name(archive_, e.libzip_index, ZIP_FL_ENC_RAW);
  if (name == nullptr || e.name != name) return ZipInvalid("目录损坏");
  zip_file_t* file = zip_fopen_index(archive_, e.libzip_index, 0);
  if (file == nullptr) return ZipInvalid("无法解压部件");
  return ZipEntryReader(this, file, e.uncompressed, e.uncompressed);
}

}  // namespace mvis::io::sheet
