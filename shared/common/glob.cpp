#include "shared/common/glob.h"

#include <cctype>
#include <string>

namespace steward {

bool globMatch(std::string_view pattern, std::string_view text, GlobCase mode) {
  const auto same = [mode](char a, char b) {
    if (mode == GlobCase::Sensitive) return a == b;
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  };
  // Iterative matcher with one backtrack point: time O(pattern × text) at worst, no
  // recursion, so a hostile pattern of many '*' cannot blow the stack.
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() &&
        (pattern[p] == '?' || (pattern[p] != '*' && same(pattern[p], text[t])))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace steward
