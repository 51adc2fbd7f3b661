#include "common/resources.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace cronaca {

namespace fs = std::filesystem;

namespace {

fs::path ExecutableDir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path() : exe.parent_path();
}

fs::path Locate(const char* env_var, const char* configured, const char* installed_name) {
  if (const char* env = std::getenv(env_var); env && *env) return fs::path(env);
  std::error_code ec;
  if (configured && *configured && fs::is_directory(configured, ec)) return fs::path(configured);
  fs::path installed = ExecutableDir() / ".." / "share" / "cronaca" / installed_name;
  if (fs::is_directory(installed, ec)) return installed;
  return fs::path(configured ? configured : installed_name);
}

}  // namespace

fs::path ResourceDir() { return Locate("CRONACA_RESOURCES", CRONACA_RESOURCE_DIR, "resources"); }
fs::path DataDir() { return Locate("CRONACA_DATA", CRONACA_DATA_DIR, "data"); }

Result<fs::path> FindResource(const std::string& lang, const std::string& name) {
  fs::path path = ResourceDir() / lang / name;
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Status(StatusCode::kResourceError, "missing resource file " + path.string());
  }
  return path;
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot open " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status(StatusCode::kIoError, "error reading " + path.string());
  return buffer.str();
}

}  // namespace cronaca
