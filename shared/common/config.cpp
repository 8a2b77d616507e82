#include "shared/common/config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/LayeredConfiguration.h>
#include <Poco/Util/MapConfiguration.h>
#include <fstream>

namespace steward {

struct IniConfig::Store {
  Poco::AutoPtr<Poco::Util::LayeredConfiguration> layered{
      new Poco::Util::LayeredConfiguration};
  Poco::AutoPtr<Poco::Util::MapConfiguration> overrides{new Poco::Util::MapConfiguration};
};

IniConfig::IniConfig(std::shared_ptr<Store> store, std::string source)
    : store_(std::move(store)), source_(std::move(source)) {}

IniConfig IniConfig::empty() {
  auto store = std::make_shared<Store>();
  store->layered->add(store->overrides, 0, true);
  return IniConfig(store, "(defaults)");
}

Result<IniConfig> IniConfig::load(const std::string& path) {
  if (!std::ifstream(path).good()) {
    return makeError("config_unreadable", "cannot read configuration file " + path);
  }
  auto store = std::make_shared<Store>();
  try {
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini(
        new Poco::Util::IniFileConfiguration(path));
    store->layered->add(store->overrides, 0, true);
    store->layered->add(ini, 10, true);
  } catch (const Poco::Exception& e) {
    return makeError("config_invalid", path + ": " + e.displayText());
  }
  return IniConfig(store, path);
}

Result<void> IniConfig::applyOverrides(const std::vector<std::string>& overrides) {
  for (const auto& item : overrides) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || item.find('.') > eq) {
      return makeError("config_invalid",
                       "override '" + item + "' is not of the form section.key=value");
    }
    store_->overrides->setString(item.substr(0, eq), item.substr(eq + 1));
  }
  return {};
}

bool IniConfig::has(const std::string& key) const { return store_->layered->hasProperty(key); }

std::string IniConfig::getString(const std::string& key, const std::string& fallback) const {
  return store_->layered->getString(key, fallback);
}

Result<std::int64_t> IniConfig::getInt(const std::string& key, std::int64_t fallback,
                                       std::int64_t min, std::int64_t max) const {
  if (!has(key)) return fallback;
  const std::string text = store_->layered->getString(key);
  std::int64_t value = 0;
  try {
    std::size_t used = 0;
    value = std::stoll(text, &used);
    if (used != text.size()) throw std::invalid_argument(text);
  } catch (const std::exception&) {
    return makeError("config_invalid", source_ + ": " + key + " = '" + text + "' is not an integer");
  }
  if (value < min || value > max) {
    return makeError("config_invalid", source_ + ": " + key + " = " + text + " is outside " +
                                           std::to_string(min) + ".." + std::to_string(max));
  }
  return value;
}

Result<bool> IniConfig::getBool(const std::string& key, bool fallback) const {
  if (!has(key)) return fallback;
  const std::string text = store_->layered->getString(key);
  if (text == "true" || text == "yes" || text == "on" || text == "1") return true;
  if (text == "false" || text == "no" || text == "off" || text == "0") return false;
  return makeError("config_invalid", source_ + ": " + key + " = '" + text + "' is not true/false");
}

}  // namespace steward
