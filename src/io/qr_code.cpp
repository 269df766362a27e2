#include <qrencode.h>

#include <memory>

#include "io/verification_documents.hpp"

namespace mvis::io {

std::vector<std::vector<bool>> QrModules(const std::string& text) {
  if (text.empty()) return {};
  // Runs of the alphanumeric set (0–9 A–Z space $%*+-./:) go in alphanumeric mode (5.5 bits a
  // character), the rest as 8-bit bytes; the smallest version that fits at level M is chosen.
  if (text.find('\0') != std::string::npos) return {};
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
  if (code == nullptr) return {};
  const int width = code->width;
  std::vector<std::vector<bool>> modules(width, std::vector<bool>(width));
  for (int r = 0; r < width; ++r) {
    for (int c = 0; c < width; ++c) modules[r][c] = (code->data[r * width + c] & 1) != 0;
  }
  return modules;
}

}  // namespace mvis::io
