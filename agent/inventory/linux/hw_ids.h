#pragma once

// Names from the pci.ids / usb.ids databases (Debian packages pci.ids and usb.ids,
// /usr/share/misc). Both share one line format:
//   vendor  Vendor Name                 four hex digits at column 0
//   <TAB>device  Device Name            four hex digits after one tab
//   <TAB><TAB>...                       subsystems / interfaces (not used)
//   C class  Class Name                 pci.ids: two hex digits
//   <TAB>subclass  Subclass Name
// plus other sections (usb.ids: AT, HID, R, L...) that are skipped. The files are
// about 1.3 MB and 0.7 MB: instead of loading them, the caller names the ids it
// needs, then streams the file through feedLine once, and only those names are kept.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace steward::agent {

class HwIdsLookup {
 public:
  // Ids are lower-case hex: vendor and device four digits, class and subclass two.
  void wantDevice(const std::string& vendor, const std::string& device);
  void wantClass(const std::string& class_id, const std::string& subclass);

  // One line of the file, without its newline. Malformed lines are skipped.
  void feedLine(std::string_view line);

  std::optional<std::string> vendorName(const std::string& vendor) const;
  std::optional<std::string> deviceName(const std::string& vendor, const std::string& device) const;
  // The subclass name, else the class name; nullopt when neither is known.
  std::optional<std::string> className(const std::string& class_id,
                                       const std::string& subclass) const;

 private:
  enum class Section { None, Vendor, Class };
  using Key = std::pair<std::string, std::string>;

  Section section_ = Section::None;
  std::string current_;  // vendor or class id of the current section
  std::map<std::string, std::optional<std::string>> vendors_;  // wanted → name
  std::map<Key, std::optional<std::string>> devices_;
  std::map<std::string, std::optional<std::string>> classes_;
  std::map<Key, std::optional<std::string>> subclasses_;
};

}  // namespace steward::agent
