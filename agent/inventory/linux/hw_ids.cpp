#include "agent/inventory/linux/hw_ids.h"

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

bool isLowerHex(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// Splits "<id><spaces><name>" whose id has `digits` hex digits; nullopt otherwise.
std::optional<std::pair<std::string_view, std::string_view>> idAndName(std::string_view line,
                                                                       std::size_t digits) {
  if (line.size() < digits + 2 || !isLowerHex(line.substr(0, digits)) || line[digits] != ' ') {
    return std::nullopt;
  }
  const std::string_view name = trim(line.substr(digits));
  if (name.empty()) return std::nullopt;
  return std::make_pair(line.substr(0, digits), name);
}

template <typename Map, typename Key>
void fill(Map& wanted, const Key& key, std::string_view name) {
  const auto it = wanted.find(key);
  if (it != wanted.end() && !it->second) it->second = std::string(name);
}

template <typename Map, typename Key>
std::optional<std::string> lookup(const Map& names, const Key& key) {
  const auto it = names.find(key);
  return it == names.end() ? std::nullopt : it->second;
}

}  // namespace

void HwIdsLookup::wantDevice(const std::string& vendor, const std::string& device) {
  vendors_.try_emplace(vendor);
  devices_.try_emplace(Key{vendor, device});
}

void HwIdsLookup::wantClass(const std::string& class_id, const std::string& subclass) {
  classes_.try_emplace(class_id);
  subclasses_.try_emplace(Key{class_id, subclass});
}

void HwIdsLookup::feedLine(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line.front() == '#') return;
  if (line.front() != '\t') {
    section_ = Section::None;
    if (auto vendor = idAndName(line, 4)) {
      section_ = Section::Vendor;
      current_ = vendor->first;
      fill(vendors_, current_, vendor->second);
    } else if (line.size() > 2 && line.substr(0, 2) == "C ") {
      if (auto cls = idAndName(line.substr(2), 2)) {
        section_ = Section::Class;
        current_ = cls->first;
        fill(classes_, current_, cls->second);
      }
    }
    return;
  }
  if (line.size() > 1 && line[1] == '\t') return;  // subsystem, interface or prog-if
  line.remove_prefix(1);
  if (section_ == Section::Vendor) {
    if (auto device = idAndName(line, 4)) {
      fill(devices_, Key{current_, std::string(device->first)}, device->second);
    }
  } else if (section_ == Section::Class) {
    if (auto sub = idAndName(line, 2)) {
      fill(subclasses_, Key{current_, std::string(sub->first)}, sub->second);
    }
  }
}

std::optional<std::string> HwIdsLookup::vendorName(const std::string& vendor) const {
  return lookup(vendors_, vendor);
}

std::optional<std::string> HwIdsLookup::deviceName(const std::string& vendor,
                                                   const std::string& device) const {
  return lookup(devices_, Key{vendor, device});
}

std::optional<std::string> HwIdsLookup::className(const std::string& class_id,
                                                  const std::string& subclass) const {
  if (auto name = lookup(subclasses_, Key{class_id, subclass})) return name;
  return lookup(classes_, class_id);
}

}  // namespace steward::agent
