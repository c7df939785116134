#pragma once
// DG1: the MRZ as a single string, 61 { 5F1F mrz }.

#include "kiosk/emrtd/lds/mrz.h"
#include "kiosk/emrtd/lds/tlv.h"

namespace kiosk::emrtd {

Result<MrzData> ParseDg1(ByteView file);
// 61 { 5F1F lines concatenated }.
Bytes BuildDg1(const std::vector<std::string>& mrz_lines);

}  // namespace kiosk::emrtd
