#pragma once

// Internal to the codecs: the inventory fields added in schema 1.1 (hardware details,
// memory modules, system extras, interface state, package install dates, routes and
// DNS). Kept apart from json_codec.cpp so each file holds one job. Absent optional
// fields are left out when encoding and stay absent when decoding, so 1.0 reports
// still decode.

#include <boost/json/object.hpp>

#include "shared/wire/inventory.h"
#include "shared/wire/json_reader.h"

namespace steward::wire::detail {

void encodeSystemExtras(boost::json::object& o, const SystemInfo& s);
void decodeSystemExtras(const ObjectReader& r, SystemInfo& s);

void encodeHardwareExtras(boost::json::object& o, const HardwareIdentity& h);
void decodeHardwareExtras(const ObjectReader& r, HardwareIdentity& h);

void encodeMemoryModules(boost::json::object& o, const Memory& m);
void decodeMemoryModules(const ObjectReader& r, Memory& m);

void encodeInterfaceExtras(boost::json::object& o, const NetworkInterface& n);
void decodeInterfaceExtras(const ObjectReader& r, NetworkInterface& n);

void encodePackageExtras(boost::json::object& o, const Package& p);
void decodePackageExtras(const ObjectReader& r, Package& p);

// default_gateways and dns_servers at report level.
void encodeReportExtras(boost::json::object& o, const InventoryReport& r);
void decodeReportExtras(const ObjectReader& r, InventoryReport& report);

}  // namespace steward::wire::detail
