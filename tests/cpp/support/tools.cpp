#include "support/tools.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace spherefit::testing {

bool have_tool(const std::string& program) {
  return std::system(("command -v " + program + " > /dev/null 2>&1").c_str()) == 0;
}

std::string temp_folder(const std::string& name) {
  const std::filesystem::path p = std::filesystem::temp_directory_path() / ("spherefit-" + name);
  std::filesystem::remove_all(p);
  std::filesystem::create_directories(p);
  return p.string();
}

bool run_command(const std::string& command) { return std::system((command + " > /dev/null 2>&1").c_str()) == 0; }

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
}

}  // namespace spherefit::testing
