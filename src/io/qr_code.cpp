#include <qrencode.h>

#include <memory>

#include "io/verification_documents.hpp"

namespace mvis::io {

std::vector<std::vector<bool>> QrModules(const std::string& text) {
  if (text.empty()) return {};
  // 8-bit mode carries the UTF-8 bytes as they are; the smallest version that fits is chosen.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (code == nullptr) return {};
  const int width = code->width;
  std::vector<std::vector<bool>> modules(width, std::vector<bool>(width));
  for (int r = 0; r < width; ++r) {
    for (int c = 0; c < width; ++c) modules[r][c] = (code->data[r * width + c] & 1) != 0;
  }
  return modules;
}

}  // namespace mvis::io
