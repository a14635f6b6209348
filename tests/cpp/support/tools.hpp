// Running the independent writers the readers' tests compare against (pcl-tools, plastimatch,
// CloudCompare, a LAS writer script): whether one is installed, a fresh temporary folder, and a
// command run there. A test whose tool is missing skips with the package to install.
#pragma once

#include <string>

namespace spherefit::testing {

// True when `program` is on the PATH.
bool have_tool(const std::string& program);

// A new empty folder under the system's temporary folder (removed by the next run's).
std::string temp_folder(const std::string& name);

// Runs the shell command line, its output discarded; true when it exited 0.
bool run_command(const std::string& command);

void write_file(const std::string& path, const std::string& bytes);

}  // namespace spherefit::testing
