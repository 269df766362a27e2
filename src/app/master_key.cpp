#include "app/master_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "domain/text.hpp"
#include "services/core/secrets.hpp"

namespace mvis::app {
namespace {

std::unexpected<Error> Invalid(const std::string& message) {
  return Fail(ErrorKind::kInvalidArgument, "secret_key_invalid", message);
}

Result<std::string> Decode(const std::string& text, const std::string& where) {
  std::string trimmed = domain::Trim(text);
  std::string bytes(trimmed.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                        trimmed.data(), trimmed.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      len != 32) {
    return Invalid(where + " 应为32字节密钥的 base64 编码");
  }
  bytes.resize(len);
  return bytes;
}

std::string Encode(const std::string& bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

// Creates `path` holding a new key, readable by its owner only; fails if it exists.
Status CreateKeyFile(const std::string& path) {
  std::error_code ec;
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return Invalid("无法创建密钥文件 " + path);
  std::string line = Encode(services::SecretKeys::NewMaster()) + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) return Invalid("无法写入密钥文件 " + path);
  spdlog::warn(
      "created the master key file {} (mode 0600): back it up with the database; every "
      "server instance must use the same file",
      path);
  return {};
}

}  // namespace

std::string KeyFilePath(const AppConfig& config) {
  if (!config.secret_key.empty()) return "";
  if (!config.key_file.empty()) return config.key_file;
  if (!config.db.starts_with("sqlite:")) return "";
  auto db = std::filesystem::path(config.db.substr(7));
  return (db.parent_path() / "mvis.key").string();
}

Result<std::string> LoadMasterKey(const AppConfig& config) {
  if (sodium_init() < 0) return Internal("libsodium failed to initialise");
  if (!config.secret_key.empty())
    return Decode(config.secret_key, "security.key / MVIS_SECRET_KEY");
  std::string path = KeyFilePath(config);
  if (path.empty()) {
    return Fail(ErrorKind::kInvalidArgument, "secret_key_missing",
                "PostgreSQL 部署须配置主密钥：security.key_file / MVIS_KEY_FILE（所有实例共用同一"
                "文件），或 security.key / MVIS_SECRET_KEY");
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    // Only the default file of a SQLite installation is created here: a named file that is
    // missing is a mistake to report (instances would end up with different keys).
    if (!config.key_file.empty()) return Invalid("密钥文件不存在：" + path);
    if (auto ok = CreateKeyFile(path); !ok) return std::unexpected(ok.error());
    if (::stat(path.c_str(), &st) != 0) return Invalid("无法读取密钥文件 " + path);
  }
  if (st.st_mode & 077) {
    return Invalid("密钥文件 " + path + " 不得允许其他用户读取（请执行 chmod 600 " + path + "）");
  }
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in && !in.eof()) return Invalid("无法读取密钥文件 " + path);
  return Decode(text, "密钥文件 " + path);
}

}  // namespace mvis::app
