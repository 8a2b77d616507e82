#pragma once

// Shell-style globs as people write them in config files and the API to name hosts:
// '*' matches any run of characters (also none), '?' exactly one; every other
// character, '[' included, stands for itself.

#include <string_view>

namespace steward {

enum class GlobCase { Sensitive, Insensitive };  // Insensitive folds ASCII letters only

bool globMatch(std::string_view pattern, std::string_view text,
               GlobCase mode = GlobCase::Sensitive);

}  // namespace steward
