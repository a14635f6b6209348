// What a file is, from its first bytes (and its name as a hint): a gzip stream to decompress
// first, a volume (NIfTI-1/2, NRRD), a point cloud or mesh (PLY, STL, OBJ), a text table, or
// something this app does not read. The page and the command line both dispatch on it.
#pragma once

#include <string_view>

#include "model/names.hpp"

namespace spherefit {

enum class FileKind { Empty, Gzip, Volume, PointFile, Text, Unknown };

inline constexpr NamedValue<FileKind> kFileKindNames[] = {
    {FileKind::Empty, "empty"},   {FileKind::Gzip, "gzip"}, {FileKind::Volume, "volume"},
    {FileKind::PointFile, "point-file"}, {FileKind::Text, "text"}, {FileKind::Unknown, "unknown"},
};

// head: the file's first bytes (a few kilobytes are enough; more helps an OBJ with a long
// preamble). Text is anything else without NUL bytes; the text reader says what is wrong with it.
FileKind sniff_file(std::string_view head, std::string_view file_name);

}  // namespace spherefit
