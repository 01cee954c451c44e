// SHA-256 (FIPS 180-4), for the rule-set version: a content hash of the rule files.
#pragma once

#include <string>
#include <string_view>

namespace koshin {

// Lower-case hex digest of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace koshin
