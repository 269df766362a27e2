// Test helper: builds zip archives in memory with zlib, including malformed and hostile ones
// (entries sharing data, lying sizes, duplicate names) that no ordinary zip tool would write.
#pragma once

#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace mvis::test {

// Raw deflate (no zlib header), as zip method 8 stores it.
inline std::string Deflate(std::string_view data) {
  z_stream z{};
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&z, data.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  if (deflate(&z, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

inline uint32_t Crc32(std::string_view data) {
  return static_cast<uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

// Writes local entries and a central directory by hand, so tests can make every field lie.
class ZipWriter {
 public:
  struct Central {
    std::string name;
    uint32_t offset;  // of the local header
    uint16_t method;
    uint32_t crc;
    uint32_t compressed;
    uint32_t uncompressed;
    uint16_t flags = 0;
  };

  // Appends a local header and data; returns its central-directory record, which the caller may
  // alter before AddCentral. `declared_uncompressed` overrides the true size when not ~0.
  Central AddLocal(std::string_view name, std::string_view content, bool deflate = true,
                   uint32_t declared_uncompressed = ~0u) {
    std::string data = deflate ? Deflate(content) : std::string(content);
    Central c{std::string(name),
              static_cast<uint32_t>(out_.size()),
              static_cast<uint16_t>(deflate ? 8 : 0),
              Crc32(content),
              static_cast<uint32_t>(data.size()),
              declared_uncompressed == ~0u ? static_cast<uint32_t>(content.size())
                                           : declared_uncompressed};
    Put32(0x04034b50);
    Put16(20);
    Put16(0);
    Put16(c.method);
    Put16(0);
    Put16(0x21);
    Put32(c.crc);
    Put32(c.compressed);
    Put32(c.uncompressed);
    Put16(static_cast<uint16_t>(name.size()));
    Put16(0);
    out_ += name;
    out_ += data;
    return c;
  }

  void AddCentral(const Central& c) { central_.push_back(c); }

  void Add(std::string_view name, std::string_view content, bool deflate = true) {
    AddCentral(AddLocal(name, content, deflate));
  }

  std::string Finish() {
    std::string out = out_;
    uint32_t cd_offset = static_cast<uint32_t>(out.size());
    for (const Central& c : central_) {
      std::string h;
      Put32(h, 0x02014b50);
      Put16(h, 20);
      Put16(h, 20);
      Put16(h, c.flags);
      Put16(h, c.method);
      Put16(h, 0);
      Put16(h, 0x21);
      Put32(h, c.crc);
      Put32(h, c.compressed);
      Put32(h, c.uncompressed);
      Put16(h, static_cast<uint16_t>(c.name.size()));
      Put16(h, 0);
      Put16(h, 0);
      Put16(h, 0);
      Put16(h, 0);
      Put32(h, 0);
      Put32(h, c.offset);
      out += h;
      out += c.name;
    }
    uint32_t cd_size = static_cast<uint32_t>(out.size()) - cd_offset;
    std::string e;
    Put32(e, 0x06054b50);
    Put16(e, 0);
    Put16(e, 0);
    Put16(e, static_cast<uint16_t>(central_.size()));
    Put16(e, static_cast<uint16_t>(central_.size()));
    Put32(e, cd_size);
    Put32(e, cd_offset);
    Put16(e, 0);
    out += e;
    return out;
  }

 private:
  static void Put16(std::string& s, uint16_t v) {
    s.push_back(static_cast<char>(v & 0xFF));
    s.push_back(static_cast<char>(v >> 8));
  }
  static void Put32(std::string& s, uint32_t v) {
    Put16(s, static_cast<uint16_t>(v & 0xFFFF));
    Put16(s, static_cast<uint16_t>(v >> 16));
  }
  void Put16(uint16_t v) { Put16(out_, v); }
  void Put32(uint32_t v) { Put32(out_, v); }

  std::string out_;
  std::vector<Central> central_;
};

}  // namespace mvis::test
