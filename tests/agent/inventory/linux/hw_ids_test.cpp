// pci.ids/usb.ids lookup on literal excerpts: only the wanted names are kept, other
// sections and malformed lines are skipped.

#include "agent/inventory/linux/hw_ids.h"

#include <gtest/gtest.h>

#include "agent/inventory/linux/text_util.h"

namespace steward::agent {
namespace {

void feed(HwIdsLookup& ids, std::string_view text) {
  for (const auto line : splitLines(text)) ids.feedLine(line);
}

constexpr std::string_view kPciIds =
    "#\tList of PCI ID's\n"
    "8086  Intel Corporation\n"
    "\t06c8  Comet Lake PCH cAVS\n"
    "\t\t1028 09a4  OptiPlex 7090 audio\n"  // subsystem: not a device line
    "\t9bc5  CometLake-S GT2 [UHD Graphics 630]\n"
    "10ec  Realtek Semiconductor Co., Ltd.\n"
    "\t06c8  Not Intel's device\n"
    "C 04  Multimedia controller\n"
    "\t01  Multimedia audio controller\n"
    "\t03  Audio device\n"
    "\t\t80  Vendor specific\n"
    "C 0c  Serial bus controller\n";

TEST(HwIdsLookupTest, FindsWantedVendorsDevicesAndClasses) {
  HwIdsLookup ids;
  ids.wantDevice("8086", "06c8");
  ids.wantDevice("10ec", "5287");
  ids.wantClass("04", "03");
  ids.wantClass("0c", "03");
  feed(ids, kPciIds);
  EXPECT_EQ(ids.vendorName("8086"), "Intel Corporation");
  EXPECT_EQ(ids.deviceName("8086", "06c8"), "Comet Lake PCH cAVS");
  EXPECT_EQ(ids.vendorName("10ec"), "Realtek Semiconductor Co., Ltd.");
  EXPECT_FALSE(ids.deviceName("10ec", "5287"));  // vendor known, device not
  EXPECT_EQ(ids.className("04", "03"), "Audio device");
  EXPECT_EQ(ids.className("0c", "03"), "Serial bus controller");  // subclass missing
  // Not asked for: not kept, even though the file has it.
  EXPECT_FALSE(ids.deviceName("8086", "9bc5"));
  EXPECT_EQ(ids.className("04", "01"), "Multimedia controller");  // only the class kept
}

TEST(HwIdsLookupTest, OtherUsbIdsSectionsAndJunkAreSkipped) {
  HwIdsLookup ids;
  ids.wantDevice("046d", "c52b");
  ids.wantDevice("0409", "0001");
  feed(ids,
       "046d  Logitech, Inc.\r\n"
       "\tc52b  Unifying Receiver\r\n"
       "AT 0409  Not a vendor line\n"
       "\t0001  Under a section that is not a vendor\n"
       "HID 22  Report Descriptor\n"
       "L 0409  English\n"
       "\t01  United States\n"
       "0409\n"  // no name
       "04GG  Not hex\n"
       "\tc52b\n"
       "\t\t\n"
       "\n");
  EXPECT_EQ(ids.vendorName("046d"), "Logitech, Inc.");
  EXPECT_EQ(ids.deviceName("046d", "c52b"), "Unifying Receiver");
  EXPECT_FALSE(ids.vendorName("0409"));
  EXPECT_FALSE(ids.deviceName("0409", "0001"));
}

TEST(HwIdsLookupTest, FirstDefinitionWinsAndUnknownIdsStayAbsent) {
  HwIdsLookup ids;
  ids.wantDevice("8086", "06c8");
  feed(ids, "8086  Intel Corporation\n\t06c8  First\n8086  Duplicate\n\t06c8  Second\n");
  EXPECT_EQ(ids.vendorName("8086"), "Intel Corporation");
  EXPECT_EQ(ids.deviceName("8086", "06c8"), "First");
  EXPECT_FALSE(ids.vendorName("ffff"));
}

}  // namespace
}  // namespace steward::agent
