#include "shared/common/port_file.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace steward {

Result<void> writePortFile(const std::string& path, std::uint16_t port) {
  const std::string temp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(temp, std::ios::trunc);
    out << port << '\n';
    out.close();
    if (!out) return makeError("port_file", "cannot write port file " + temp);
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    const std::string why = ec.message();
    std::filesystem::remove(temp, ec);
    return makeError("port_file", "cannot write port file " + path + ": " + why);
  }
  return {};
}

}  // namespace steward
