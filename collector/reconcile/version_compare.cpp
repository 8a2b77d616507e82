#include "collector/reconcile/version_compare.h"

#include <cctype>
#include <string>

namespace steward::collector::reconcile {

namespace {

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool isAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// dpkg's order of a non-digit character: '~' first, then the end of the string, then
// letters, then everything else.
int order(char c) {
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c;
  if (c == '~') return -1;
  if (c != 0) return c + 256;
  return 0;
}

int compareFragment(std::string_view a, std::string_view b) {
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !isDigit(a[i])) || (j < b.size() && !isDigit(b[j]))) {
      const int ac = i < a.size() ? order(a[i]) : 0;
      const int bc = j < b.size() ? order(b[j]) : 0;
      if (ac != bc) return ac - bc;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && isDigit(a[i]) && j < b.size() && isDigit(b[j])) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && isDigit(a[i])) return 1;
    if (j < b.size() && isDigit(b[j])) return -1;
    if (first_diff != 0) return first_diff;
  }
  return 0;
}

struct Parts {
  long epoch = 0;
  std::string_view upstream;
  std::string_view revision;
};

Parts split(std::string_view v) {
  Parts p;
  const auto colon = v.find(':');
  if (colon != std::string_view::npos) {
    long epoch = 0;
    bool digits = colon > 0;
    for (std::size_t k = 0; k < colon; ++k) {
      if (!isDigit(v[k]) || epoch > 100000000) {
        digits = false;
        break;
      }
      epoch = epoch * 10 + (v[k] - '0');
    }
    if (digits) {
      p.epoch = epoch;
      v.remove_prefix(colon + 1);
    }
  }
  const auto dash = v.rfind('-');
  p.upstream = dash == std::string_view::npos ? v : v.substr(0, dash);
  p.revision = dash == std::string_view::npos ? std::string_view() : v.substr(dash + 1);
  return p;
}

}  // namespace

int compareVersions(std::string_view a, std::string_view b) {
  const Parts pa = split(a);
  const Parts pb = split(b);
  if (pa.epoch != pb.epoch) return pa.epoch < pb.epoch ? -1 : 1;
  if (int c = compareFragment(pa.upstream, pb.upstream); c != 0) return c < 0 ? -1 : 1;
  const int c = compareFragment(pa.revision, pb.revision);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

}  // namespace steward::collector::reconcile
